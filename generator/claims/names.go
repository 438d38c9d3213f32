package claims

import (
	"regexp"
	"strconv"
	"strings"
)

// Value names often state a band of updates ("Exchange 2013 CU10 to CU20
// servers", "Contoso 5 CU21 or later"), and articles name one update of it
// ("Exchange 2013 CU10", "Exchange 2013 Cumulative Update 10"). derivedNames
// returns the names a value's name implies: each update of a band, the bound
// of an open band, and the long form of each short update name (CU, SP, RU).
func derivedNames(name string) []string {
	name = trailingNoun.ReplaceAllString(strings.TrimSpace(name), "")
	var out []string
	add := func(stem, prefix string, n int) {
		out = append(out, stem+" "+prefix+strconv.Itoa(n))
		if long, ok := longUpdate[strings.ToUpper(prefix)]; ok {
			out = append(out, stem+" "+long+" "+strconv.Itoa(n))
		}
	}
	if m := updateBand.FindStringSubmatch(name); m != nil && (m[4] == "" || strings.EqualFold(m[4], m[2])) {
		from, _ := strconv.Atoi(m[3])
		to, _ := strconv.Atoi(m[5])
		if from > to {
			from, to = to, from
		}
		if to-from <= 50 {
			for k := from; k <= to; k++ {
				add(m[1], m[2], k)
			}
		}
		return out
	}
	if m := openBand.FindStringSubmatch(name); m != nil {
		n, _ := strconv.Atoi(m[3])
		add(m[1], m[2], n)
		return out
	}
	if m := oneUpdate.FindStringSubmatch(name); m != nil && !shortName.MatchString(m[1]) {
		n, _ := strconv.Atoi(m[3])
		add(m[1], m[2], n)
		// The short form is the name itself; keep only the long one.
		return out[1:]
	}
	return nil
}

var (
	trailingNoun = regexp.MustCompile(`(?i)\s+(?:servers?|clients?|computers?)$`)
	updateBand   = regexp.MustCompile(`^(.*\S)\s+(CU|SP|RU)\s?(\d{1,3})\s+(?:to|through|-|–)\s+(CU|SP|RU)?\s?(\d{1,3})$`)
	openBand     = regexp.MustCompile(`^(.*\S)\s+(CU|SP|RU)\s?(\d{1,3})\s+or\s+(?:later|newer|higher|earlier|older)$`)
	oneUpdate    = regexp.MustCompile(`^(.*\S)\s+(CU|SP|RU)\s?(\d{1,3})$`)
	longUpdate   = map[string]string{"CU": "Cumulative Update", "SP": "Service Pack", "RU": "Update Rollup"}
)
