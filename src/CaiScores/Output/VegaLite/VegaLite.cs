using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CaiScores.Output;

/// <summary>
/// Vega-Lite v5 specifications (in namespace <c>CaiScores.Output</c>, beside <see cref="SvgCharts"/>) of the charts <see cref="SvgCharts"/> draws, for a reporting front end that renders with
/// vega-embed: each method returns a self-contained JSON spec (<c>$schema</c>, title, inline <c>data.values</c>, encodings).
/// </summary>
/// <remarks>
/// <para>One file per chart kind: bars (<c>VegaLite.Bars.cs</c>) and heat tables (<c>VegaLite.HeatTables.cs</c>); this
/// file writes the parts every spec shares (the envelope, data values, marks, encodings, tooltips).</para>
/// <para>Categories keep the result's order, never Vega-Lite's alphabetical default: every discrete axis and colour has an
/// explicit <c>sort</c> array (buckets ascending, "No value" last; periods in time order; Entry last among rows, Exit last
/// among columns). CAI's Low/Medium/High take red/yellow/green for a conversion model and green/yellow/red for churn
/// (<see cref="ChartOptions.Propensity"/>) through an explicit colour scale <c>domain</c>/<c>range</c>; "No value" is grey.
/// Each mark has a tooltip.</para>
/// <para>The JSON is written with <see cref="Utf8JsonWriter"/>: strings from the data are JSON-escaped by construction,
/// including <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes, so a spec can be embedded in an HTML <c>&lt;script&gt;</c>.
/// Numbers are written in the invariant format; a share without a value is written as <c>null</c>. Two-space indentation,
/// <c>\n</c> line ends. The output depends only on the result and the options.</para>
/// </remarks>
public static partial class VegaLite
{
    /// <summary>The Vega-Lite schema every spec names.</summary>
    public const string SchemaUrl = "https://vega.github.io/schema/vega-lite/v5.json";

    private static string Spec(string title, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
#if NET9_0_OR_GREATER
            NewLine = "\n",
#endif
        }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUrl);
            w.WriteString("title", title);
            body(w);
            w.WriteEndObject();
        }

        // Raw line breaks only occur between tokens (a string's are escaped), so this only normalises net8.0 on Windows.
        return Encoding.UTF8.GetString(buffer.WrittenSpan).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void Size(Utf8JsonWriter w, ChartOptions options)
    {
        w.WriteNumber("width", options.Width);
        w.WriteNumber("height", options.Height);
    }

    private static void Values<T>(Utf8JsonWriter w, IEnumerable<T> rows, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartObject("data");
        w.WriteStartArray("values");
        foreach (var row in rows)
        {
            w.WriteStartObject();
            write(w, row);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Mark(Utf8JsonWriter w, string type)
    {
        w.WriteStartObject("mark");
        w.WriteString("type", type);
        w.WriteBoolean("tooltip", true);
        w.WriteEndObject();
    }

    private static void Discrete(Utf8JsonWriter w, string channel, string field, string title, IReadOnlyList<string> order, bool top = false)
    {
        w.WriteStartObject(channel);
        w.WriteString("field", field);
        w.WriteString("type", "ordinal");
        w.WriteString("title", title);
        Strings(w, "sort", order);
        w.WriteStartObject("axis");
        w.WriteNumber("labelAngle", 0);
        if (top)
        {
            w.WriteString("orient", "top");
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Quantitative(Utf8JsonWriter w, string channel, string field, string title)
    {
        w.WriteStartObject(channel);
        w.WriteString("field", field);
        w.WriteString("type", "quantitative");
        w.WriteString("title", title);
        w.WriteEndObject();
    }

    private static void Colour(Utf8JsonWriter w, string field, IReadOnlyList<string> domain, IReadOnlyList<string> range, bool legend)
    {
        w.WriteStartObject("color");
        w.WriteString("field", field);
        w.WriteString("type", "nominal");
        Strings(w, "sort", domain);
        w.WriteStartObject("scale");
        Strings(w, "domain", domain);
        Strings(w, "range", range);
        w.WriteEndObject();
        if (!legend)
        {
            w.WriteNull("legend");
        }
        else
        {
            w.WriteStartObject("legend");
            w.WriteString("title", null as string);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Tooltip(Utf8JsonWriter w, params (string Field, string Title, string? Format)[] fields)
    {
        w.WriteStartArray("tooltip");
        foreach (var (field, title, format) in fields)
        {
            w.WriteStartObject();
            w.WriteString("field", field);
            w.WriteString("type", format is null ? "nominal" : "quantitative");
            w.WriteString("title", title);
            if (format is not null)
            {
                w.WriteString("format", format);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
