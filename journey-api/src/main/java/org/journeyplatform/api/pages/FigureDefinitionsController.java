package org.journeyplatform.api.pages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The definitions of the dashboard's figures, served by the platform: {@code docs/metrics.md}, packaged with the jar
 * and rendered as a page, so a manager can open what the dashboard links to. The document is the project's own
 * (raw HTML in it is escaped); links to other documents of the repository are shown as their text, links within it
 * work.
 */
@Controller
public class FigureDefinitionsController {

    static final String SOURCE = "docs/metrics.md";

    private final String html;

    public FigureDefinitionsController() throws IOException {
        this.html = render(read());
    }

    @GetMapping("/dashboard/definitions")
    String definitions(Model model, java.security.Principal principal) {
        model.addAttribute("definitions", html);
        model.addAttribute("username", principal == null ? "" : principal.getName());
        return "definitions";
    }

    private static String read() throws IOException {
        try (InputStream in = new ClassPathResource(SOURCE).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String render(String markdown) {
        List<org.commonmark.Extension> extensions = List.of(TablesExtension.create());
        Node document = Parser.builder().extensions(extensions).build().parse(markdown);
        document.accept(new OnlyLinksWithinThePage());
        Map<Node, String> anchors = anchors(document);
        return HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    String id = anchors.get(node);
                    if (id != null) {
                        attributes.put("id", id);
                    }
                })
                .build()
                .render(document);
    }

    /** GitHub's heading ids ({@code ## How a figure is shown} is {@code #how-a-figure-is-shown}), as the document's links use. */
    private static Map<Node, String> anchors(Node document) {
        Map<Node, String> anchors = new HashMap<>();
        Map<String, Integer> used = new HashMap<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                StringBuilder text = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        text.append(code.getLiteral());
                    }
                });
                String slug = Normalizer.normalize(text.toString(), Normalizer.Form.NFKC)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                        .trim()
                        .replaceAll("\\s", "-");
                int n = used.merge(slug, 1, Integer::sum);
                anchors.put(heading, n == 1 ? slug : slug + "-" + (n - 1));
            }
        });
        return anchors;
    }

    /** A link to another file of the repository would lead nowhere on the platform: keep its text, drop the link. */
    private static final class OnlyLinksWithinThePage extends AbstractVisitor {
        @Override
        public void visit(Link link) {
            String destination = link.getDestination();
            if (destination != null && !destination.startsWith("#") && !destination.startsWith("https://")) {
                Node child = link.getFirstChild();
                while (child != null) {
                    Node next = child.getNext();
                    link.insertBefore(child);
                    child = next;
                }
                link.unlink();
                return;
            }
            visitChildren(link);
        }
    }
}
