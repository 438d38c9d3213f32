package browser

import (
	"compress/gzip"
	"io"
	"io/fs"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"kb/generator/pipeline"
)

// BenchmarkSearchBudgets measures the search budgets on a generated corpus:
//
//	KB_BENCH_SOURCE=/dev/shm/corpus go test ./generator/browser -run XXX -bench SearchBudgets -benchtime 1x
//
// where /dev/shm/corpus/content was made by ../shared/bench/gen -n 10000. It
// builds the corpus with and without search (alternately, three times each),
// sizes the index, then in headless Chromium times queries opened from disk
// (each in a fresh page, so shard loading from disk is included) and counts
// the bytes a first query transfers from an HTTP server that gzips.
func BenchmarkSearchBudgets(b *testing.B) {
	source := os.Getenv("KB_BENCH_SOURCE")
	if source == "" {
		b.Skip("set KB_BENCH_SOURCE to a site made by ../shared/bench/gen (see the comment)")
	}
	work := b.TempDir()
	if d := os.Getenv("KB_BENCH_DEST"); d != "" { // a RAM disk, as ../shared/bench uses
		var err error
		if work, err = os.MkdirTemp(d, "kb-budgets-"); err != nil {
			b.Fatal(err)
		}
		defer os.RemoveAll(work)
	}
	plain := filepath.Join(work, "plain")
	if err := os.MkdirAll(plain, 0o755); err != nil {
		b.Fatal(err)
	}
	abs, _ := filepath.Abs(filepath.Join(source, "content"))
	if err := os.Symlink(abs, filepath.Join(plain, "content")); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(plain, "config.toml"), []byte("search = false\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	// Build as cmd/kb does, garbage collection included.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	var with, without []float64
	for i := 0; i < 3; i++ {
		for _, run := range []struct {
			src, dest string
			times     *[]float64
		}{{source, "out-search", &with}, {plain, "out-plain", &without}} {
			start := time.Now()
			res, err := pipeline.Build(pipeline.Options{Source: run.src, Dest: filepath.Join(work, run.dest)})
			if err != nil || !res.Written {
				b.Fatalf("build: %v", err)
			}
			*run.times = append(*run.times, time.Since(start).Seconds())
		}
	}
	site := filepath.Join(work, "out-search")
	articles := 0
	_ = filepath.WalkDir(filepath.Join(source, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			articles++
		}
		return nil
	})
	index, docs := 0, 0
	_ = filepath.WalkDir(filepath.Join(site, "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n := gzipSize(p)
		if strings.Contains(p, string(filepath.Separator)+"d"+string(filepath.Separator)) {
			docs += n
		} else {
			index += n
		}
		return nil
	})
	b.Logf("build: with search median %.2fs, without %.2fs: search adds %.1f%%", median(with), median(without), 100*(median(with)/median(without)-1))
	b.Logf("index (manifest and term shards), gzipped: %d bytes = %.0f bytes per article (%d articles); document files for results and snippets: %.0f bytes per article", index, float64(index)/float64(articles), articles, float64(docs)/float64(articles))
	b.ReportMetric(float64(index)/float64(articles), "index-B/article")
	b.ReportMetric(100*(median(with)/median(without)-1), "build-%")

	queries := sampleQueries(b, site, 60)
	ctx := newTab(b)
	// A headless page never has the focus, so focusing the box would not
	// fire the focus event that loads the manifest; emulate a focused page.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		b.Fatal(err)
	}
	// freshPage opens the start page from disk and focuses the search box,
	// which loads the manifest, as a reader coming to the box does.
	freshPage := func() {
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL0(site, "index.html")), chromedp.WaitVisible(chromedp.CSS("#search-input")),
			chromedp.Focus(chromedp.CSS("#search-input"))); err != nil {
			b.Fatal(err)
		}
		// Poll for the manifest's script, for stepLimit from the focus.
		limit, cancel := step(ctx)
		defer cancel()
		for {
			ok, err := chromedp.Run(limit, chromedp.Evaluate[bool](`!!document.querySelector('script[src$="search/manifest.js"]')`))
			if err == nil && ok {
				break
			}
			if limit.Err() != nil {
				b.Fatalf("focusing the search box did not load the manifest (%v)", err)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	// Query time from disk, each query in a fresh page after the reader came
	// to the search box (which loads the manifest): term shards and document
	// files are loaded from disk within the time measured.
	var times, timesRank []float64
	for _, q := range queries {
		freshPage()
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`new Promise(done => { const t0 = performance.now(); let r = 0;
			kbSearch.search(`+jsString(q)+`, 8, () => done([r, performance.now() - t0]), () => { r = performance.now() - t0 }) })`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		timesRank = append(timesRank, ms[0])
		times = append(times, ms[1])
	}
	// Typing: each query typed into a fresh page, a search per keystroke as
	// the search box does, each finished before the next key (a reader types
	// a key every 100 ms or so; a search takes a few).
	var typed, typedRank []float64
	for _, q := range queries {
		freshPage()
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(async q => { const out = [];
			for (let k = 1; k <= q.length; k++) {
				if (q[k - 1] === " ") continue;
				out.push(...await new Promise(done => { const t0 = performance.now(); let r = 0;
					kbSearch.search(q.slice(0, k), 8, () => done([r, performance.now() - t0]), () => { r = performance.now() - t0 }) }));
			}
			return out })(`+jsString(q)+`)`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i+1 < len(ms); i += 2 {
			typedRank = append(typedRank, ms[i])
			typed = append(typed, ms[i+1])
		}
	}
	// A reading session: one page, then each query in turn, loading the
	// shards and documents it needs from disk as it goes.
	freshPage()
	var session, sessionRank []float64
	for _, q := range queries {
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`new Promise(done => { const t0 = performance.now(); let r = 0;
			kbSearch.search(`+jsString(q)+`, 8, () => done([r, performance.now() - t0]), () => { r = performance.now() - t0 }) })`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		sessionRank = append(sessionRank, ms[0])
		session = append(session, ms[1])
	}
	// The same queries again in one page: shards loaded already.
	var warm []float64
	for _, q := range queries {
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`new Promise(done => { const t0 = performance.now();
			kbSearch.search(`+jsString(q)+`, 8, () => done(performance.now() - t0)) })`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		warm = append(warm, ms)
	}
	b.Logf("first query in a fresh page, from disk (%d queries): ranked (term shards loaded) p50 %.1f ms, p95 %.1f ms; shown (document files loaded) p50 %.1f ms, p95 %.1f ms",
		len(times), pct(timesRank, 50), pct(timesRank, 95), pct(times, 50), pct(times, 95))
	b.Logf("typed into a fresh page, a search per keystroke (%d keystrokes): ranked p50 %.1f ms, p95 %.1f ms; shown p50 %.1f ms, p95 %.1f ms",
		len(typed), pct(typedRank, 50), pct(typedRank, 95), pct(typed, 50), pct(typed, 95))
	b.Logf("queries one after another in one page, from disk: ranked p50 %.1f ms, p95 %.1f ms; shown p50 %.1f ms, p95 %.1f ms",
		pct(sessionRank, 50), pct(sessionRank, 95), pct(session, 50), pct(session, 95))
	b.Logf("query time with the shards loaded: p50 %.2f ms, p95 %.2f ms", pct(warm, 50), pct(warm, 95))
	b.ReportMetric(pct(typedRank, 95), "typed-ranked-p95-ms")
	b.ReportMetric(pct(sessionRank, 95), "session-ranked-p95-ms")
	b.ReportMetric(pct(session, 95), "session-shown-p95-ms")
	b.ReportMetric(pct(times, 95), "p95-ms")

	// Bytes of a first query over HTTP, gzipped as a web server would.
	var sent atomic.Int64
	srv := httptest.NewServer(gzipCounting(http.FileServer(http.Dir(site)), &sent))
	defer srv.Close()
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		b.Fatal(err)
	}
	var transfers []float64
	for _, q := range queries {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html"), chromedp.WaitVisible(chromedp.CSS("#search-input"))); err != nil {
			b.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond) // let the page's own requests finish
		sent.Store(0)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`new Promise(done => kbSearch.search(`+jsString(q)+`, 8, rs => done(rs.length)))`, chromedp.EvalAwaitPromise)); err != nil {
			b.Fatal(err)
		}
		transfers = append(transfers, float64(sent.Load())/1024)
	}
	b.Logf("first query over HTTP (gzip), search files only: p50 %.0f KB, p95 %.0f KB, max %.0f KB; the runtime search.js is %d bytes gzipped and loads with the page",
		pct(transfers, 50), pct(transfers, 95), pct(transfers, 100), gzipSize(filepath.Join(site, "assets", "search.js")))
	b.ReportMetric(pct(transfers, 100), "first-query-KB-max")
}

// sampleQueries draws one to three words from the titles of random articles.
func sampleQueries(b testing.TB, site string, n int) []string {
	r := rand.New(rand.NewSource(7))
	var titles []string
	re := regexp.MustCompile(`<title>([^<|]+)`)
	_ = filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") && strings.Contains(p, "article-") && r.Intn(100) == 0 {
			if data, err := os.ReadFile(p); err == nil {
				if m := re.FindSubmatch(data); m != nil {
					titles = append(titles, strings.TrimSpace(string(m[1])))
				}
			}
		}
		return nil
	})
	var out []string
	for len(out) < n && len(titles) > 0 {
		words := strings.Fields(titles[r.Intn(len(titles))])
		words = words[:len(words)-1] // the article number
		k := 1 + r.Intn(min(3, len(words)))
		start := r.Intn(len(words) - k + 1)
		q := strings.Join(words[start:start+k], " ")
		if r.Intn(3) == 0 && len(q) > 4 {
			q = q[:len(q)-2] // a prefix, as while typing
		}
		out = append(out, strings.ToLower(q))
	}
	return out
}

func fileURL0(site, page string) string {
	return "file://" + filepath.ToSlash(filepath.Join(site, page))
}

func gzipSize(p string) int {
	data, err := os.ReadFile(p)
	if err != nil {
		return 0
	}
	var c countWriter
	w, _ := gzip.NewWriterLevel(&c, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return int(c)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

// gzipCounting serves files gzipped and counts the bytes sent for search/.
func gzipCounting(h http.Handler, sent *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(rec.Code)
		var c countWriter
		gz, _ := gzip.NewWriterLevel(io.MultiWriter(w, &c), gzip.BestCompression)
		gz.Write(rec.Body.Bytes())
		gz.Close()
		if strings.Contains(r.URL.Path, "/search/") {
			sent.Add(int64(c))
		}
	})
}

func median(v []float64) float64 { return pct(v, 50) }

// pct is the p-th percentile (nearest rank).
func pct(v []float64, p float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	i := int(p/100*float64(len(s))+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}
