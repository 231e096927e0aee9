package records

import (
	htmltemplate "html/template"
	"strconv"
	"strings"

	qrcode "github.com/yeqown/go-qrcode/v2"
)

// qrQuietZone is the margin of light modules around a QR symbol that ISO/IEC
// 18004 requires for it to scan.
const qrQuietZone = 4

// bitmapWriter is a qrcode.Writer that keeps the symbol's modules.
type bitmapWriter struct{ bits [][]bool }

func (w *bitmapWriter) Write(m qrcode.Matrix) error { w.bits = m.Bitmap(); return nil }
func (w *bitmapWriter) Close() error                { return nil }

// qrSVG returns text as a QR code (error correction level M, the module's
// encoder) drawn as an inline SVG of sizeMM millimetres square, with label
// as its accessible name. The SVG holds only rectangles computed here, so it
// is safe to insert unescaped.
func qrSVG(text, label string, sizeMM int) (htmltemplate.HTML, error) {
	qr, err := qrcode.NewWith(text, qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionMedium))
	if err != nil {
		return "", err
	}
	var w bitmapWriter
	if err := qr.Save(&w); err != nil {
		return "", err
	}
	n := len(w.bits) + 2*qrQuietZone
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" viewBox="0 0 `)
	b.WriteString(strconv.Itoa(n) + " " + strconv.Itoa(n))
	b.WriteString(`" width="` + strconv.Itoa(sizeMM) + `mm" height="` + strconv.Itoa(sizeMM) + `mm" shape-rendering="crispEdges"><title>`)
	b.WriteString(htmltemplate.HTMLEscapeString(label))
	b.WriteString(`</title><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="`)
	for y, row := range w.bits {
		for x := 0; x < len(row); x++ {
			if !row[x] {
				continue
			}
			run := 1
			for x+run < len(row) && row[x+run] {
				run++
			}
			b.WriteString("M" + strconv.Itoa(x+qrQuietZone) + " " + strconv.Itoa(y+qrQuietZone) + "h" + strconv.Itoa(run) + "v1h-" + strconv.Itoa(run) + "z")
			x += run - 1
		}
	}
	b.WriteString(`"/></svg>`)
	return htmltemplate.HTML(b.String()), nil //nolint:gosec // built from numbers and escaped text only
}
