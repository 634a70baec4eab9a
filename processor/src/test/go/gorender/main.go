// Command gorender renders Go html/template templates for the processor's tests: Go's own
// escaper is the oracle for pages (see "Differences from Go" in docs/templates.md).
//
// It reads one JSON request per line on stdin and writes one JSON answer per line on stdout:
//
//	{"files": [{"name": "t.tmpl", "text": "..."}], "main": "t.tmpl", "data": {...}, "lvt": {...}}
//	{"html": "..."}   or   {"error": "..."}
//
// Files are parsed together as template.ParseFiles would (each file is a template named after
// it; its defines are shared); "main" is executed. "data" is the state with Go field names; an
// object {"$html": s} becomes template.HTML and {"$attr": s} template.HTMLAttr; integral numbers
// become int64 and others float64. When "lvt" is present ({"errors": {...}, "flash": {...},
// "devMode": bool}), the state is a map and its "lvt" key is a context with the methods of Go
// livetemplate's template context. Standard library only.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"html"
	"html/template"
	"os"

	"strings"
)

type file struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

type request struct {
	Files []file          `json:"files"`
	Main  string          `json:"main"`
	Data  json.RawMessage `json:"data"`
	Lvt   *lvtData        `json:"lvt"`
}

type lvtData struct {
	Errors  map[string]string `json:"errors"`
	Flash   map[string]string `json:"flash"`
	DevMode bool              `json:"devMode"`
}

type answer struct {
	HTML  *string `json:"html,omitempty"`
	Error string  `json:"error,omitempty"`
}

// lvtContext behaves as the template context Go livetemplate puts under "lvt".
type lvtContext struct {
	errors  map[string]string
	flash   map[string]string
	DevMode bool
}

func (c *lvtContext) Errors() map[string]string {
	out := map[string]string{}
	for k, v := range c.errors {
		out[k] = v
	}
	return out
}

func (c *lvtContext) HasError(field string) bool { _, ok := c.errors[field]; return ok }

func (c *lvtContext) HasAnyError() bool { return len(c.errors) > 0 }

func (c *lvtContext) Error(field string) string { return c.errors[field] }

func (c *lvtContext) ErrorTag(field string) template.HTML {
	msg := c.errors[field]
	if msg == "" {
		return ""
	}
	return template.HTML("<small>" + html.EscapeString(msg) + "</small>")
}

func (c *lvtContext) AriaInvalid(field string) template.HTMLAttr {
	if c.HasError(field) {
		return `aria-invalid="true"`
	}
	return ""
}

func (c *lvtContext) AriaDisabled(fields ...string) template.HTMLAttr {
	for _, f := range fields {
		if c.HasError(f) {
			return `aria-disabled="true"`
		}
	}
	return ""
}

func (c *lvtContext) Flash(key string) string { return c.flash[key] }

func (c *lvtContext) HasFlash(key string) bool { _, ok := c.flash[key]; return ok }

func (c *lvtContext) HasAnyFlash() bool { return len(c.flash) > 0 }

func (c *lvtContext) AllFlash() map[string]string {
	out := map[string]string{}
	for k, v := range c.flash {
		out[k] = v
	}
	return out
}

func (c *lvtContext) FlashTag(key string) template.HTML {
	msg := c.flash[key]
	if msg == "" {
		return ""
	}
	role := "status"
	if key == "error" {
		role = "alert"
	}
	return template.HTML(`<output role="` + role + `" data-flash="` + html.EscapeString(key) + `">` +
		html.EscapeString(msg) + "</output>")
}

// convert turns decoded JSON into template data: numbers, trusted markers.
func convert(v interface{}) interface{} {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil && !strings.ContainsAny(string(x), ".eE") {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]interface{}:
		if len(x) == 1 {
			if s, ok := x["$html"].(string); ok {
				return template.HTML(s)
			}
			if s, ok := x["$attr"].(string); ok {
				return template.HTMLAttr(s)
			}
		}
		out := make(map[string]interface{}, len(x))
		for k, e := range x {
			out[k] = convert(e)
		}
		return out
	case []interface{}:
		out := make([]interface{}, len(x))
		for i, e := range x {
			out[i] = convert(e)
		}
		return out
	}
	return v
}

func render(req request) (string, error) {
	var root *template.Template
	for _, f := range req.Files {
		var t *template.Template
		if root == nil {
			root = template.New(f.Name)
			t = root
		} else {
			t = root.New(f.Name)
		}
		if _, err := t.Parse(f.Text); err != nil {
			return "", err
		}
	}
	var raw interface{}
	if len(req.Data) > 0 {
		dec := json.NewDecoder(bytes.NewReader(req.Data))
		dec.UseNumber()
		if err := dec.Decode(&raw); err != nil {
			return "", err
		}
	}
	data := convert(raw)
	if req.Lvt != nil {
		m, _ := data.(map[string]interface{})
		if m == nil {
			m = map[string]interface{}{}
		}
		m["lvt"] = &lvtContext{errors: req.Lvt.Errors, flash: req.Lvt.Flash, DevMode: req.Lvt.DevMode}
		data = m
	}
	var out bytes.Buffer
	if err := root.ExecuteTemplate(&out, req.Main, data); err != nil {
		return "", err
	}
	return out.String(), nil
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req request
			var a answer
			if e := json.Unmarshal(line, &req); e != nil {
				a.Error = "bad request: " + e.Error()
			} else if s, e := render(req); e != nil {
				a.Error = e.Error()
			} else {
				a.HTML = &s
			}
			enc.Encode(a)
			out.Flush()
		}
		if err != nil {
			return
		}
	}
}
