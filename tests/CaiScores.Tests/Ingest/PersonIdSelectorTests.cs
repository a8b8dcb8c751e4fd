using System.Text;
using CaiScores.Ingest;
using CaiScores.Internal;
using CaiScores.Models;

namespace CaiScores.Tests.Ingest;

public sealed class PersonIdSelectorTests
{
    /// <summary>The UTF-8 selector (for columnar sources) agrees with the map resolver (for JSON) on random identity maps.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("ECID")]
    [InlineData("Email")]
    public void Selector_agrees_with_the_resolver_on_random_maps(string? identityNamespace)
    {
        var random = new Random(11);
        string[] namespaces = ["ECID", "Email", "CRMID", "Phone"];
        var selector = new PersonIdSelector(identityNamespace);
        for (var trial = 0; trial < 5_000; trial++)
        {
            var map = new List<(string Ns, IReadOnlyList<IdentityItem> Items)>();
            foreach (var ns in namespaces.OrderBy(_ => random.Next()).Take(random.Next(0, 4)))
            {
                var items = Enumerable.Range(0, random.Next(0, 3))
                    .Select(i => new IdentityItem { Id = random.Next(6) == 0 ? string.Empty : $"{ns}-{trial}-{i}", Primary = random.Next(3) == 0 })
                    .ToArray();
                map.Add((ns, items));
            }

            var compact = new CompactIdentityMap([.. map.Select(m => m.Ns)], [.. map.Select(m => m.Items)]);
            var expected = PersonIdResolver.Resolve(compact, identityNamespace);

            selector.Reset();
            foreach (var (ns, items) in map)
            {
                foreach (var item in items)
                {
                    selector.Offer(Encoding.UTF8.GetBytes(ns), Encoding.UTF8.GetBytes(item.Id), item.Primary);
                }
            }

            string? actual = selector.TryGetPersonId(out var id) ? Encoding.UTF8.GetString(id) : null;
            Assert.Equal(expected, actual);
        }
    }
}
