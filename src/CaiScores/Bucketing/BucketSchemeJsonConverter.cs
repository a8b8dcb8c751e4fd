using System.Text.Json;
using System.Text.Json.Serialization;
using CaiScores.Bucketing;

namespace CaiScores.Bucketing;

/// <summary>
/// Writes a <see cref="BucketScheme"/> as <c>{ "field", "name", "edges", "buckets" }</c> through the generated contract of
/// <see cref="BucketSchemeJson"/>. A converter rather than generated metadata because the scheme has a span property
/// (<see cref="BucketScheme.EdgeSpan"/>) that the net8.0 source generator cannot leave out. Reading is refused: a scheme is
/// code (<see cref="BucketScheme.Cai"/>, <see cref="BucketScheme.Create"/>), results that hold one are written, not read.
/// </summary>
internal sealed class BucketSchemeJsonConverter : JsonConverter<BucketScheme>
{
    public override BucketScheme? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("A bucket scheme is written for reference and cannot be read back from JSON; create it with BucketScheme.Create.");

    public override void Write(Utf8JsonWriter writer, BucketScheme value, JsonSerializerOptions options)
    {
        var surrogate = new BucketSchemeJson(value.Field, value.Name, value.Edges, value.Buckets);
        JsonSerializer.Serialize(writer, surrogate, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<BucketSchemeJson>)options.GetTypeInfo(typeof(BucketSchemeJson)));
    }
}

/// <summary>What JSON holds of a <see cref="BucketScheme"/>.</summary>
/// <param name="Field">The score field the scheme buckets.</param>
/// <param name="Name">The scheme's name (<c>CAI</c>), absent for a custom scheme.</param>
/// <param name="Edges">The ascending edges; a bucket holds values from its lower edge (inclusive) to its upper edge (exclusive).</param>
/// <param name="Buckets">The buckets, one more than the edges, in ascending order.</param>
internal sealed record BucketSchemeJson(ScoreField Field, string? Name, IReadOnlyList<double> Edges, IReadOnlyList<Bucket> Buckets);
