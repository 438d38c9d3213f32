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

// TestCompatFilterOmitted uses the "Show" menus of the generated support
// matrix page, whose tables leave out the dimensions a feature does not
// depend on: database mirroring depends on the server version alone, so its
// table is one row with a menu for the server columns and none for the SQL
// Server version or edition; the availability groups table has a menu for
// its edition rows and its SQL Server columns; the failover clustering
// table, one cell, has no menu.
func TestCompatFilterOmitted(t *testing.T) {
	ctx := newTab(t)
	base := serve(t)
	do(t, ctx, "open the support matrix page", chromedp.Navigate(base+"/support-matrix.html"),
		chromedp.WaitVisible(css(`#compat-ag-2 .compat-filters select[data-dim="edition"]`)))
	count := func(sel string) int {
		t.Helper()
		return eval[int](t, ctx, `[...document.querySelectorAll(`+"`"+sel+"`"+`)].filter(e => e.offsetParent !== null).length`)
	}
	if n := count(`#compat-mirroring-1 tbody tr`); n != 1 {
		t.Errorf("mirroring: %d rows, want 1", n)
	}
	if n := count(`#compat-mirroring-1 .compat-filters select`); n != 1 {
		t.Errorf("mirroring: %d menus, want 1 (the server columns)", n)
	}
	if n := count(`#compat-sqlcluster-4 .compat-filters select`); n != 0 {
		t.Errorf("failover clustering: %d menus, want none", n)
	}
	choose := func(table, dim, value string) {
		t.Helper()
		eval[bool](t, ctx, `(() => { const s = document.querySelector('#`+table+` select[data-dim="`+dim+`"]');
			s.value = "`+value+`"; s.dispatchEvent(new Event("change")); return true })()`)
	}
	choose("compat-mirroring-1", "", "sfb2019")
	if n := count(`#compat-mirroring-1 thead th[data-value]`); n != 1 {
		t.Errorf("mirroring: %d server columns with Skype for Business Server 2019 chosen, want 1", n)
	}
	if cell := text(t, ctx, `#compat-mirroring-1 tbody tr td:not([hidden])`); cell != "✗ Not supported1 §Source" {
		t.Errorf("mirroring on 2019 reads %q", cell)
	}
	choose("compat-ag-2", "edition", "enterprise")
	choose("compat-ag-2", "", "sql2014")
	if n := count(`#compat-ag-2 tbody tr`); n != 1 {
		t.Errorf("availability groups: %d rows with Enterprise Edition, want 1", n)
	}
	if cell := text(t, ctx, `#compat-ag-2 tbody tr:not([hidden]) td:not([hidden])`); cell != "✓ Supported1 §Source" {
		t.Errorf("availability groups on SQL Server 2014 Enterprise Edition reads %q", cell)
	}
}
