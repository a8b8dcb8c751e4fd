using System.Globalization;
using System.Text;

namespace CaiScores.Output;

/// <summary>
/// Writes SVG text deterministically: attributes in the order given, numbers in the invariant culture with at most two
/// decimals, LF line ends, and every string from data escaped (and stripped of characters XML cannot hold), so a factor code
/// <c>&lt;script&gt;</c> shows as text.
/// </summary>
internal sealed partial class SvgWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;
    private string _lastElement = "g";

    public SvgWriter(double width, double height, string title)
    {
        _text.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Number(width)).Append("\" height=\"").Append(Number(height))
            .Append("\" viewBox=\"0 0 ").Append(Number(width)).Append(' ').Append(Number(height))
            .Append("\" role=\"img\" aria-label=\"").Append(Escape(title)).Append("\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"12\">\n");
        _depth = 1;
        Element("title", title);
    }

    /// <summary>Opens a group; <see cref="End"/> closes it.</summary>
    public void Group(params (string Name, string Value)[] attributes)
    {
        Open("g", attributes);
        _text.Append(">\n");
        _depth++;
    }

    /// <summary>Closes the innermost group.</summary>
    public void End()
    {
        _depth--;
        Indent();
        _text.Append("</g>\n");
    }

    public void Rect(double x, double y, double width, double height, string fill, string? tooltip = null, string? stroke = null)
    {
        Open("rect", ("x", Number(x)), ("y", Number(y)), ("width", Number(Math.Max(0, width))), ("height", Number(Math.Max(0, height))), ("fill", fill));
        if (stroke is not null)
        {
            Attribute("stroke", stroke);
        }

        if (tooltip is null)
        {
            _text.Append("/>\n");
            return;
        }

        _text.Append("><title>").Append(Escape(tooltip)).Append("</title></rect>\n");
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1)
    {
        Open("line", ("x1", Number(x1)), ("y1", Number(y1)), ("x2", Number(x2)), ("y2", Number(y2)), ("stroke", stroke));
        if (width != 1)
        {
            Attribute("stroke-width", Number(width));
        }

        _text.Append("/>\n");
    }

    /// <summary>A path; <paramref name="data"/> is path data with its numbers written by <see cref="Number"/>.</summary>
    public void Path(string data, string fill, double opacity = 1, string? tooltip = null, string? stroke = null)
    {
        Open("path", ("d", data), ("fill", fill));
        if (opacity != 1)
        {
            Attribute("fill-opacity", Number(opacity));
        }

        if (stroke is not null)
        {
            Attribute("stroke", stroke);
        }

        Close(tooltip);
    }

    /// <summary>A circle with a translucent fill and an opaque outline.</summary>
    public void Circle(double cx, double cy, double r, string fill, double opacity, string stroke, double strokeWidth = 1, string? tooltip = null)
    {
        Open("circle", ("cx", Number(cx)), ("cy", Number(cy)), ("r", Number(Math.Max(0, r))), ("fill", fill), ("fill-opacity", Number(opacity)), ("stroke", stroke));
        if (strokeWidth != 1)
        {
            Attribute("stroke-width", Number(strokeWidth));
        }

        Close(tooltip);
    }

    /// <summary>A text element; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> turns it about its anchor point; an optional tooltip.</summary>
    public void Text(double x, double y, string text, string anchor = "start", double? rotate = null, string? weight = null, double? size = null, string fill = "#222", string? tooltip = null, bool halo = false)
    {
        Open("text", ("x", Number(x)), ("y", Number(y)), ("text-anchor", anchor), ("fill", fill));
        if (halo)
        {
            // A white outline under the glyphs, so a line drawn across the text does not cross it out.
            Attribute("stroke", "#FFFFFF");
            Attribute("stroke-width", "3");
            Attribute("stroke-linejoin", "round");
            Attribute("paint-order", "stroke");
        }

        if (weight is not null)
        {
            Attribute("font-weight", weight);
        }

        if (size is { } s)
        {
            Attribute("font-size", Number(s));
        }

        if (rotate is { } degrees)
        {
            Attribute("transform", $"rotate({Number(degrees)} {Number(x)} {Number(y)})");
        }

        _text.Append('>');
        if (tooltip is not null)
        {
            _text.Append("<title>").Append(Escape(tooltip)).Append("</title>");
        }

        _text.Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>The finished document.</summary>
    public override string ToString() => _text.ToString() + "</svg>\n";

    /// <summary>A number as SVG wants it: invariant culture, at most two decimals, no trailing zeros, no "-0".</summary>
    public static string Number(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Escapes text for XML content and attribute values: <c>&amp; &lt; &gt; " '</c> as entities; characters XML 1.0 cannot
    /// hold (C0 controls other than tab, line feed and carriage return, lone surrogates, U+FFFE, U+FFFF) as U+FFFD.
    /// </summary>
    public static string Escape(string text)
    {
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            var valid = true;
            if (replacement is null)
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    escaped?.Append(c).Append(text[i + 1]);
                    i++;
                    continue;
                }

                valid = c is '\t' or '\n' or '\r' || (c >= ' ' && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF');
                if (!valid)
                {
                    replacement = "\uFFFD";
                }
            }

            if (replacement is null)
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            escaped.Append(replacement);
        }

        return escaped?.ToString() ?? text;
    }

    private void Element(string name, string text)
    {
        Indent();
        _text.Append('<').Append(name).Append('>').Append(Escape(text)).Append("</").Append(name).Append(">\n");
    }

    private void Open(string name, params (string Name, string Value)[] attributes)
    {
        Indent();
        _lastElement = name;
        _text.Append('<').Append(name);
        foreach (var (attribute, value) in attributes)
        {
            Attribute(attribute, value);
        }
    }

    /// <summary>Ends an opened element: self-closed, or with a <c>&lt;title&gt;</c> tooltip.</summary>
    private void Close(string? tooltip)
    {
        if (tooltip is null)
        {
            _text.Append("/>\n");
            return;
        }

        _text.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(_lastElement).Append(">\n");
    }

    private void Attribute(string name, string value) => _text.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');

    private void Indent() => _text.Append(' ', _depth * 2);
}
