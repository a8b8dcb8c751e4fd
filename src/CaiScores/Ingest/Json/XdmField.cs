using System.Text.Json;

namespace CaiScores.Ingest;

/// <summary>The property names the parser knows, recognised by length and then bytes (one comparison, not a chain).</summary>
internal enum XdmField : byte
{
    Unknown,
    Id,                 // _id
    Timestamp,
    IdentityMap,
    CustomerAI,
    Score,
    Probability,
    PercentileScore,
    ScoreDate,
    ModelType,
    InfluentialFactors,
    Code,
    Value,
    Importance,
    ItemId,             // id
    AuthenticatedState,
    Primary,
}

internal static class XdmFields
{
    /// <summary>Classifies the current property name; escaped or multi-segment names fall back to a string.</summary>
    public static XdmField Classify(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return Classify(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!));
        }

        return Classify(reader.ValueSpan);
    }

    public static XdmField Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => name.SequenceEqual("id"u8) ? XdmField.ItemId : XdmField.Unknown,
        3 => name.SequenceEqual("_id"u8) ? XdmField.Id : XdmField.Unknown,
        4 => name.SequenceEqual("code"u8) ? XdmField.Code : XdmField.Unknown,
        5 => name[0] == (byte)'s' ? (name.SequenceEqual("score"u8) ? XdmField.Score : XdmField.Unknown)
            : name.SequenceEqual("value"u8) ? XdmField.Value : XdmField.Unknown,
        7 => name.SequenceEqual("primary"u8) ? XdmField.Primary : XdmField.Unknown,
        9 => name[0] switch
        {
            (byte)'t' => name.SequenceEqual("timestamp"u8) ? XdmField.Timestamp : XdmField.Unknown,
            (byte)'s' => name.SequenceEqual("scoreDate"u8) ? XdmField.ScoreDate : XdmField.Unknown,
            (byte)'m' => name.SequenceEqual("modelType"u8) ? XdmField.ModelType : XdmField.Unknown,
            _ => XdmField.Unknown,
        },
        10 => name[0] == (byte)'i' ? (name.SequenceEqual("importance"u8) ? XdmField.Importance : XdmField.Unknown)
            : name.SequenceEqual("CustomerAI"u8) ? XdmField.CustomerAI : XdmField.Unknown,
        11 => name[0] == (byte)'p' ? (name.SequenceEqual("probability"u8) ? XdmField.Probability : XdmField.Unknown)
            : name.SequenceEqual("identityMap"u8) ? XdmField.IdentityMap : XdmField.Unknown,
        15 => name.SequenceEqual("percentileScore"u8) ? XdmField.PercentileScore : XdmField.Unknown,
        18 => name[0] == (byte)'i' ? (name.SequenceEqual("influentialFactors"u8) ? XdmField.InfluentialFactors : XdmField.Unknown)
            : name.SequenceEqual("authenticatedState"u8) ? XdmField.AuthenticatedState : XdmField.Unknown,
        _ => XdmField.Unknown,
    };
}
