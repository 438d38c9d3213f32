package source

import (
	"strings"
	"testing"
)

const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`

// TestCheckSVGRefuses: every way an SVG opened on its own could run script,
// or a picture could load another file, is found, at its place.
func TestCheckSVGRefuses(t *testing.T) {
	for _, tc := range []struct {
		svg, want string
		at        string // the problem is at the first occurrence of at
	}{
		{svgOpen + "\n<script>alert(1)</script></svg>", "<script>", "<script>"},
		{svgOpen + "<s:script xmlns:s=\"http://www.w3.org/2000/svg\">alert(1)</s:script></svg>", "<script>", "<s:script"},
		{svgOpen + "<![CDATA[x]]><script><![CDATA[alert(1)]]></script></svg>", "<script>", "<script><!"},
		{`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, "event handler attribute onload", "onload"},
		{`<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK="alert(1)"/></svg>`, "event handler", "ONCLICK"},
		{svgOpen + "\n  <a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>", "could run script", "xlink:href=\"javascript"},
		{svgOpen + "<a href=\"&#106;avascript:alert(1)\">x</a></svg>", "could run script", "href=\"&#106;"},
		{svgOpen + "<a href=\"java&#x09;script:alert(1)\">x</a></svg>", "could run script", "href=\"java&"},
		{svgOpen + "<a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">x</a></svg>", "could run script", "href=\"data:text"},
		{svgOpen + "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></div></foreignObject></svg>", "XHTML element <script>", "<script>"},
		{svgOpen + "<foreignObject><iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"x.html\"/></foreignObject></svg>", "XHTML element <iframe>", "<iframe"},
		{svgOpen + "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\" onmouseover=\"x()\">a</div></foreignObject></svg>", "event handler", "onmouseover"},
		{svgOpen + "<foreignObject><img xmlns=\"http://www.w3.org/1999/xhtml\" src=\"x\"/></foreignObject></svg>", "XHTML element <img>", "<img"},
		{svgOpen + "<foreignObject><a xmlns=\"http://www.w3.org/1999/xhtml\" href=\"x\">a</a></foreignObject></svg>", "XHTML element <a>", "<a xmlns"},
		{svgOpen + "<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script></svg>", "outside a <foreignObject>", "<h:script"},
		{svgOpen + "<m:math xmlns:m=\"http://www.w3.org/1998/Math/MathML\"/></svg>", "namespace", "<m:math"},
		{svgOpen + "<set attributeName=\"xlink:href\" to=\"javascript:alert(1)\"/></svg>", "animates the attribute xlink:href", "attributeName"},
		{svgOpen + "<animate attributeName=\"onclick\" to=\"alert(1)\"/></svg>", "animates the attribute onclick", "attributeName"},
		{svgOpen + "<set attributeName=\"fill\" to=\"javascript:alert(1)\"/></svg>", "script URL in the attribute to", "to=\"javascript"},
		{svgOpen + "<use href=\"https://example.org/x.svg#a\"/></svg>", "refers to another file", "href=\"https"},
		{svgOpen + "<use xlink:href=\"data:image/svg+xml;base64,PHN2Zy8+#a\"/></svg>", "refers to another file", "xlink:href=\"data"},
		{svgOpen + "<image href=\"photo.png\"/></svg>", "refers to another file", "href=\"photo"},
		{svgOpen + "<rect style=\"fill: url(https://example.org/a)\"/></svg>", "url(https://example.org/a)", "style="},
		{svgOpen + "<rect fill=\"url( 'x.svg#g' )\"/></svg>", "url(x.svg#g)", "fill="},
		{svgOpen + "<style>@import 'https://example.org/a.css';</style></svg>", "@import", "<style>"},
		{svgOpen + "<style>rect { background: u\\72l(x) }</style></svg>", `"\\"`, "<style>"},
		{svgOpen + "<style><![CDATA[</style><script>alert(1)</script>]]></style></svg>", `"<"`, "<style>"},
		{svgOpen + "<style><g/>@import url(x)</style></svg>", "element inside <style>", "<g/>"},
		{"<?xml-stylesheet type=\"text/xsl\" href=\"page.xsl\"?>" + svgOpen + "</svg>", "xml-stylesheet", ""},
		{"<!DOCTYPE svg [<!ENTITY x \"&#60;script&#62;alert(1)&#60;/script&#62;\">]>\n" + svgOpen + "&x;</svg>", "DOCTYPE", ""},
		{"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\" [<!ATTLIST svg onload CDATA 'alert(1)'>]>" + svgOpen + "</svg>", "DOCTYPE", ""},
		{"<!ENTITY x \"y\">" + svgOpen + "</svg>", "DOCTYPE", ""},
		{svgOpen + "<style>@font-face { src: url(https://example.org/f.woff2) }</style></svg>", "url(https://example.org/f.woff2)", "<style>"},
		{"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + svgOpen + "</svg>", "not well-formed", ""},
		{"\xff\xfe<\x00s\x00v\x00g\x00", "not UTF-8", ""},
		{svgOpen + "&nbsp;</svg>", "not well-formed", "&nbsp;"},
		{svgOpen + "<g></svg>", "not well-formed", "</svg>"},
		{`<svg><script>alert(1)</script></svg>`, "without xmlns", ""},
		{`<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`, "not SVG's <svg>", ""},
		{svgOpen + "</svg><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "more than one root", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"},
		{svgOpen + "<handler type=\"application/ecmascript\">alert(1)</handler></svg>", "<handler>", "<handler"},
		{"", "no <svg> element", ""},
	} {
		off, problem := checkSVG([]byte(tc.svg))
		if want := strings.Index(tc.svg, tc.at); !strings.Contains(problem, tc.want) || off != want {
			t.Errorf("%.120q:\n got %d %q\nwant %d %q", tc.svg, off, problem, want, tc.want)
		}
	}
}

// TestCheckSVGAccepts: pictures as editors export them pass.
func TestCheckSVGAccepts(t *testing.T) {
	for _, svg := range []string{
		// Inkscape, with its namespaces, metadata and a gradient
		"\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<!-- Created with Inkscape -->\n" +
			`<svg xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#" ` +
			`xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:svg="http://www.w3.org/2000/svg" ` +
			`xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
			`xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" ` +
			`width="210mm" height="297mm" viewBox="0 0 210 297" sodipodi:docname="pool.svg" inkscape:version="1.0">` +
			`<defs><linearGradient id="a"><stop offset="0" style="stop-color:#0078d4;stop-opacity:1"/></linearGradient>` +
			`<linearGradient xlink:href="#a" id="b" gradientUnits="userSpaceOnUse"/></defs>` +
			`<sodipodi:namedview pagecolor="#ffffff" inkscape:zoom="0.35"/>` +
			`<metadata><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format>` +
			`<dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/></cc:Work></rdf:RDF></metadata>` +
			`<g inkscape:label="Layer 1" inkscape:groupmode="layer"><rect style="fill:url(#b);stroke:#000" width="10" height="10"/>` +
			`<text xml:space="preserve" style="font-family:'Segoe UI'"><tspan>Front End pool</tspan></text></g></svg>`,
		// draw.io, with its DOCTYPE, labels in a foreignObject, a link in
		// the diagram and an embedded font
		`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + "\n" +
			svgOpen + `<defs><style type="text/css">.a { fill: #fff; } @font-face { font-family: "F"; src: url("data:font/woff2;base64,d09GMg==") }</style></defs>` +
			`<g><switch><foreignObject width="100%" height="100%" requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility">` +
			`<div xmlns="http://www.w3.org/1999/xhtml" style="display: flex; align-items: unsafe center;"><div data-drawio-colors="color: rgb(0, 0, 0);" style="font-size: 12px;">` +
			`<font color="#333">SQL <b>mirror</b></font><br/></div></div></foreignObject><text x="10" y="10">SQL mirror</text></switch>` +
			`<a xlink:href="https://learn.microsoft.com/skypeforbusiness/"><rect width="1" height="1"/></a></g>` +
			`<image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/>` +
			`<animate attributeName="opacity" from="0" to="1" dur="1s"/></svg>`,
		// an empty picture
		`<svg xmlns="http://www.w3.org/2000/svg"/>`,
	} {
		if off, problem := checkSVG([]byte(svg)); problem != "" {
			t.Errorf("refused at %d: %s\n%.200s", off, problem, svg[max(0, off-40):])
		}
	}
}

// FuzzCheckSVG: no input panics, and a problem is placed inside the file.
func FuzzCheckSVG(f *testing.F) {
	for _, seed := range []string{
		svgOpen + "</svg>",
		svgOpen + "<script>alert(1)</script></svg>",
		svgOpen + "<a xlink:href=\"javascript:alert(1)\"/><rect onload=\"x\" style=\"fill:url(#a)\"/></svg>",
		svgOpen + "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\" data-x=\"1\">a<br/></div></foreignObject></svg>",
		"<!DOCTYPE svg [<!ENTITY x \"y\">]>" + svgOpen + "&x;</svg>",
		"\ufeff<?xml version=\"1.0\"?>" + svgOpen + "<style><![CDATA[a{}]]></style></svg>",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		off, problem := checkSVG(data)
		if off < 0 || off > len(data) {
			t.Errorf("problem %q at offset %d of a %d-byte file", problem, off, len(data))
		}
		if problem == "" && off != 0 {
			t.Errorf("no problem, but offset %d", off)
		}
	})
}
