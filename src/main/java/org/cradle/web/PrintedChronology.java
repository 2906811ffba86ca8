package org.cradle.web;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The chronology as a PDF for a conference or a review: the page's own XHTML (template chronology-print.jte, with the
 * family diagram and the timeline picture as inline SVG) laid out by openhtmltopdf. Its standard fonts are the PDF
 * base fonts (Helvetica, metrically Arial), so nothing is embedded or fetched.
 */
final class PrintedChronology {

    private PrintedChronology() {
    }

    static byte[] pdf(String xhtml) {
        var out = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder().useFastMode().useSVGDrawer(new BatikSVGDrawer()).withHtmlContent(xhtml, null).toStream(out).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
