
namespace CaiScores.Ingest;

/// <summary>
/// What several readers of one load share: the validated settings, the diagnostics, the string and factor pools and the
/// read-order counter, so that counts add up and <see cref="Models.ScoreRecord.SourceOrder"/> runs across files.
/// </summary>
internal sealed class IngestSession
{
    public IngestSession(CaiScoresOptions? options)
    {
        Options = options?.Clone() ?? new CaiScoresOptions();
        Options.Validate();
        Diagnostics = new DiagnosticsCollector(Options.MaxRejectionSamples);
        Parser = new XdmJsonParser(Options, Diagnostics);
        Normalizer = new ScoreNormalizer(Options, Diagnostics);
    }

    public CaiScoresOptions Options { get; }

    public DiagnosticsCollector Diagnostics { get; }

    public XdmJsonParser Parser { get; }

    public ScoreNormalizer Normalizer { get; }
}
