using CaiScores.Models;

namespace CaiScores.Tests.Models;

public sealed class CaiScoreRecordTests
{
    private static CaiScoreRecord Make(string ecid = "e1", string code = "A") => new()
    {
        TenantId = "acme",
        InstanceKey = "Inst",
        IdentityMap = new Dictionary<string, IReadOnlyList<IdentityItem>> { ["ECID"] = [new IdentityItem { Id = ecid, Primary = true }] },
        Score = 10,
        InfluentialFactors = [new InfluentialFactor { Code = code, Value = "1", Importance = Importance.High }],
    };

    [Fact]
    public void Equality_compares_collections_by_value()
    {
        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
        Assert.NotEqual(Make(), Make(ecid: "e2"));
        Assert.NotEqual(Make(), Make(code: "B"));
        Assert.NotEqual(Make(), Make() with { Score = 11 });
    }

    [Fact]
    public void Format_follows_the_timestamp()
    {
        Assert.Equal(XdmFormat.Profile, Make().Format);
        Assert.Equal(XdmFormat.ExperienceEvent, (Make() with { Timestamp = DateTimeOffset.UnixEpoch }).Format);
    }

    [Fact]
    public void Collections_default_to_empty_never_null()
    {
        var record = new CaiScoreRecord { TenantId = "t", InstanceKey = "i" };
        Assert.Empty(record.IdentityMap);
        Assert.Empty(record.InfluentialFactors);
    }

    [Fact]
    public void ToString_is_compact_and_readable()
    {
        var text = Make().ToString();
        Assert.Contains("InstanceKey = Inst", text, StringComparison.Ordinal);
        Assert.Contains("InfluentialFactors = 1", text, StringComparison.Ordinal);
    }
}
