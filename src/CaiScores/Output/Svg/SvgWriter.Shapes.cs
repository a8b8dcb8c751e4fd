namespace CaiScores.Output;

/// <summary>Lines through points, dots and group tooltips, for the line charts, the gains curve and the UpSet matrix.</summary>
internal sealed partial class SvgWriter
{
    /// <summary>An open line through <paramref name="points"/> (no fill); <paramref name="dash"/> is a stroke-dasharray such as <c>6 4</c>.</summary>
    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width = 2, string? dash = null, string? tooltip = null)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (x, y) in points)
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(Number(x)).Append(',').Append(Number(y));
        }

        Open("polyline", ("points", text.ToString()), ("fill", "none"), ("stroke", stroke), ("stroke-width", Number(width)));
        if (dash is not null)
        {
            Attribute("stroke-dasharray", dash);
        }

        CloseElement("polyline", tooltip);
    }

    /// <summary>A filled circle, with a white outline so that dots on lines stay visible.</summary>
    public void Dot(double cx, double cy, double r, string fill, string? tooltip = null, string stroke = "#FFFFFF")
    {
        Open("circle", ("cx", Number(cx)), ("cy", Number(cy)), ("r", Number(r)), ("fill", fill), ("stroke", stroke));
        CloseElement("circle", tooltip);
    }

    /// <summary>A <c>&lt;title&gt;</c> as the first child of the group just opened: the tooltip of everything in it.</summary>
    public void Tooltip(string text) => Element("title", text);

    private void CloseElement(string name, string? tooltip)
    {
        if (tooltip is null)
        {
            _text.Append("/>\n");
            return;
        }

        _text.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(name).Append(">\n");
    }
}
