package browser

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCompatFilter uses the "Show" menus of a compatibility table, over HTTP:
// choosing a value hides the other rows, choosing a column value hides the
// other columns, and "All" brings them back.
func TestCompatFilter(t *testing.T) {
	ctx := newTab(t)
	base := serve(t)
	do(t, ctx, "open the mirroring article", chromedp.Navigate(base+"/options/database-mirroring.html"),
		chromedp.WaitVisible(css(`#compat-mirroring-1 .compat-filters select[data-dim="edition"]`)))
	visibleRows := `[...document.querySelectorAll("#compat-mirroring-1 tbody tr")].filter(r => r.offsetParent !== null).length`
	visibleCols := `[...document.querySelectorAll("#compat-mirroring-1 thead th[data-value]")].filter(c => c.offsetParent !== null).length`
	if n := eval[int](t, ctx, visibleRows); n != 6 {
		t.Fatalf("%d rows before filtering, want 6", n)
	}
	choose := func(dim, value string) {
		t.Helper()
		eval[bool](t, ctx, `(() => { const s = document.querySelector('#compat-mirroring-1 select[data-dim="`+dim+`"]');
			s.value = "`+value+`"; s.dispatchEvent(new Event("change")); return true })()`)
	}
	choose("edition", "enterprise")
	if n := eval[int](t, ctx, visibleRows); n != 3 {
		t.Errorf("%d rows with Enterprise Edition, want 3", n)
	}
	choose("sql", "sql2014")
	if n := eval[int](t, ctx, visibleRows); n != 1 {
		t.Errorf("%d rows with SQL Server 2014 Enterprise Edition, want 1", n)
	}
	choose("", "sfb2019")
	if n := eval[int](t, ctx, visibleCols); n != 1 {
		t.Errorf("%d server columns with Skype for Business Server 2019 chosen, want 1", n)
	}
	if cell := text(t, ctx, `#compat-mirroring-1 tbody tr:not([hidden]) td:not([hidden])`); cell != "✗ Not supported1 §Source" {
		t.Errorf("the one visible cell reads %q", cell)
	}
	choose("edition", "")
	choose("sql", "")
	if n := eval[int](t, ctx, visibleRows); n != 6 {
		t.Errorf("%d rows after choosing All, want 6", n)
	}
}
