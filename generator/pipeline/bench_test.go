package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeCorpus writes n Microsoft-Docs-style articles in sections of 100, each
// with front matter, headings, an alert, a table, a Go block and links to
// other articles (some with anchors), like ../shared/bench/gen at a smaller
// size.
func writeCorpus(tb testing.TB, dir string, n int) {
	tb.Helper()
	name := func(i int) string { return fmt.Sprintf("sec-%02d/article-%05d.md", i/100, i) }
	para := strings.Repeat("Back End servers keep the pool databases and a witness decides failover. ", 12)
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"Article %05d\"\ndescription: \"About article %d.\"\nms.date: 0%d/1%d/2024\nms.topic: conceptual\n---\n\n",
			i, i, 1+i%9, i%10)
		fmt.Fprintf(&b, "%s\n\n> [!NOTE]\n> %s\n\n## Prerequisites\n\n", para, para[:80])
		for k := 1; k <= 3; k++ {
			j := (i*7 + k*13) % n
			rel, _ := filepath.Rel(filepath.Dir(name(i)), name(j))
			anchor := ""
			if k == 2 {
				anchor = "#configuration"
			}
			fmt.Fprintf(&b, "- See [article %d](%s%s).\n", j, filepath.ToSlash(rel), anchor)
		}
		fmt.Fprintf(&b, "\n## Configuration\n\n| Setting | Default |\n|---|---|\n| `a_b` | `1` |\n| `c_d` | `2` |\n\n%s\n\n", para)
		fmt.Fprintf(&b, "```go\nfunc f%d(s []string) int {\n\treturn len(s) * %d\n}\n```\n\n### Details\n\n%s\n\n## Next steps\n\n%s\n", i, i, para, para)
		p := filepath.Join(dir, "content", filepath.FromSlash(name(i)))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkBuild builds a 1,000-article corpus, writing the site each time;
// with KB_BENCH_SOURCE set it builds that site instead (a folder made by
// ../shared/bench/gen, say, on a RAM disk). Compare with Hugo using
// ../shared/bench/compare-hugo.sh.
func BenchmarkBuild(b *testing.B) {
	dir := os.Getenv("KB_BENCH_SOURCE")
	if dir == "" {
		dir = b.TempDir()
		writeCorpus(b, dir, 1000)
	}
	dest := filepath.Join(b.TempDir(), "public")
	if d := os.Getenv("KB_BENCH_DEST"); d != "" {
		dest = d
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := Build(Options{Source: dir, Dest: dest})
		if err != nil || !res.Written {
			b.Fatalf("build failed: %v", err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/article")
}
