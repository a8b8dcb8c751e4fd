using CaiScores.Columnar;
using CaiScores.DependencyInjection;
using CaiScores.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CaiScores;

/// <summary>Registers CaiScores with a <see cref="IServiceCollection"/>.</summary>
public static class CaiScoresServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CaiScoresOptions"/> (validated when the host starts, every problem in one message),
    /// <see cref="CaiScoreLoader"/> and an <see cref="IScoreTableSource"/> that loads JSON files and folders into score
    /// tables, as singletons. Calling it again adds nothing twice; each <paramref name="configure"/> given is applied, in
    /// order. An <see cref="IScoreTableSource"/> registered before (such as the Parquet one) is kept.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options; default <see langword="null"/> keeps the defaults.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddCaiScores(this IServiceCollection services, Action<CaiScoresOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<CaiScoresOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        if (!services.Any(d => d.ServiceType == typeof(CaiScoresMarker)))
        {
            services.AddSingleton<CaiScoresMarker>();
            builder.ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaiScoresOptions>, CaiScoresOptionsValidator>());
        services.TryAddSingleton(static sp => new CaiScoreLoader(sp.GetRequiredService<IOptions<CaiScoresOptions>>()));
        services.TryAddSingleton<IScoreTableSource>(static sp => new JsonScoreTableSource(sp.GetRequiredService<IOptions<CaiScoresOptions>>()));
        return services;
    }

    /// <summary>Marks that <see cref="AddCaiScores"/> ran, so that ValidateOnStart is registered once.</summary>
    private sealed class CaiScoresMarker;
}
