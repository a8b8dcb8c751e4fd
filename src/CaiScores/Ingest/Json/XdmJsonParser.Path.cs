using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace CaiScores.Ingest;

/// <summary>The JSON path of the value being read, and the checks that report a problem at that path.</summary>
internal sealed partial class XdmJsonParser
{
    private readonly PathSegment[] _path = new PathSegment[16];
    private int _pathDepth;

    /// <summary>The JSON path of the value being read, e.g. <c>$._acme.CustomerAI.Inst.score</c>.</summary>
    public string CurrentPath
    {
        get
        {
            var sb = new StringBuilder("$");
            for (var i = 0; i < _pathDepth; i++)
            {
                var segment = _path[i];
                if (segment.Index >= 0)
                {
                    sb.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else
                {
                    sb.Append('.').Append(segment.Name);
                }
            }

            return sb.ToString();
        }
    }

    /// <summary>Skips an unknown property's value (still syntax- and depth-checked), with its name on the path.</summary>
    private void SkipUnknown(ref Utf8JsonReader reader)
    {
        PushName(PropertyName(ref reader, pooled: true));
        reader.Read();
        reader.Skip();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType;
    }

    private void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw Error($"expected {what}, found {Describe(ref reader)}");
        }
    }

    /// <summary>
    /// A repeated key would make two conflicting records (or identity lists) out of one document, and which one wins would be
    /// an accident of the parser: reject it. The current name is already on the path.
    /// </summary>
    private void CheckUnique(List<string> seen, string name)
    {
        foreach (var s in seen)
        {
            if (string.Equals(s, name, StringComparison.Ordinal))
            {
                throw Error($"the property '{name}' appears twice");
            }
        }

        seen.Add(name);
    }

    private void Push(string name, ref Seen seen, Seen flag, ref Utf8JsonReader reader)
    {
        PushName(name);
        if ((seen & flag) != 0)
        {
            throw Error($"the property '{name}' appears twice");
        }

        seen |= flag;
        reader.Read();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PushName(string name)
    {
        if (_pathDepth < _path.Length)
        {
            _path[_pathDepth] = new PathSegment(name, -1);
        }

        _pathDepth++;
    }

    private void PushIndex(int index)
    {
        if (_pathDepth < _path.Length)
        {
            _path[_pathDepth] = new PathSegment(null, index);
        }

        _pathDepth++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Pop() => _pathDepth--;

    private XdmParseException Error(string message) => new(CurrentPath, message);

    private static string Describe(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = reader.GetString() ?? string.Empty;
                return text.Length > 40 ? $"the string \"{text[..40]}…\"" : $"the string \"{text}\"";
            case JsonTokenType.Number:
                var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                return "the number " + Encoding.UTF8.GetString(raw, 0, Math.Min(raw.Length, 40));
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return "null";
            case JsonTokenType.StartObject:
                return "an object";
            case JsonTokenType.StartArray:
                return "an array";
            default:
                return reader.TokenType.ToString();
        }
    }

    private readonly record struct PathSegment(string? Name, int Index);
}
