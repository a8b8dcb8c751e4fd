using CaiScores.Columnar;
using CaiScores.Ingest;
using Microsoft.Extensions.Options;

namespace CaiScores.DependencyInjection;

/// <summary>The JSON <see cref="IScoreTableSource"/>: <see cref="ScoreTable.LoadJson(IEnumerable{string}, CaiScoresOptions?)"/> with the registered options.</summary>
internal sealed class JsonScoreTableSource(IOptions<CaiScoresOptions> options) : IScoreTableSource
{
    private readonly CaiScoresOptions _options = options.Value.Clone();

    public string Format => "json";

    public CaiScoresOptions Options => _options.Clone();

    public ScoreTableCollection Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return ScoreTable.LoadJson(paths, _options);
    }
}
