using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Parquet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CaiScores;

/// <summary>Registers the Parquet score table source with a <see cref="IServiceCollection"/>.</summary>
public static class CaiScoresParquetServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <see cref="CaiScoresServiceCollectionExtensions.AddCaiScores"/> adds, with an <see cref="IScoreTableSource"/>
    /// that loads AEP Parquet exports (<see cref="CaiParquet.Load(IEnumerable{string}, CaiScoresOptions?)"/>) in place of the
    /// JSON one, so that code asking for an <see cref="IScoreTableSource"/> reads Parquet without a change. Calling it again,
    /// or calling <c>AddCaiScores</c> before or after, adds nothing twice; each <paramref name="configure"/> is applied, in order.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options; default <see langword="null"/> keeps the defaults.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddCaiScoresParquet(this IServiceCollection services, Action<CaiScoresOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Singleton<IScoreTableSource>(static sp => new ParquetScoreTableSource(sp.GetRequiredService<IOptions<CaiScoresOptions>>())));
        return services.AddCaiScores(configure);
    }

    /// <summary>The Parquet <see cref="IScoreTableSource"/>: <see cref="CaiParquet.Load(IEnumerable{string}, CaiScoresOptions?)"/> with the registered options.</summary>
    private sealed class ParquetScoreTableSource(IOptions<CaiScoresOptions> options) : IScoreTableSource
    {
        private readonly CaiScoresOptions _options = options.Value.Clone();

        public string Format => "parquet";

        public CaiScoresOptions Options => _options.Clone();

        public ScoreTableCollection Load(IEnumerable<string> paths)
        {
            ArgumentNullException.ThrowIfNull(paths);
            return CaiParquet.Load(paths, _options);
        }
    }
}
