using CaiScores.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaiScores.Tests.DependencyInjection;

public sealed class AddCaiScoresTests
{
    [Fact]
    public void Registers_the_loader_with_configured_options()
    {
        using var provider = new ServiceCollection()
            .AddCaiScores(o => o.IdentityNamespace = "Email")
            .BuildServiceProvider();
        var loader = provider.GetRequiredService<CaiScoreLoader>();
        Assert.Equal("Email", loader.Options.IdentityNamespace);
        Assert.Same(loader, provider.GetRequiredService<CaiScoreLoader>());
    }

    [Fact]
    public void Is_idempotent_and_applies_every_configure_in_order()
    {
        var services = new ServiceCollection()
            .AddCaiScores(o => o.MaxDepth = 10)
            .AddCaiScores(o => o.MaxDepth += 5);
        Assert.Single(services, d => d.ServiceType == typeof(CaiScoreLoader));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<CaiScoresOptions>));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(15, provider.GetRequiredService<IOptions<CaiScoresOptions>>().Value.MaxDepth);
    }

    [Fact]
    public void Invalid_options_report_every_problem_in_one_message()
    {
        using var provider = new ServiceCollection()
            .AddCaiScores(o =>
            {
                o.MaxDepth = 1;
                o.MaxRecordBytes = 0;
            })
            .BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CaiScoresOptions>>().Value);
        Assert.Equal(2, e.Failures.Count());
        Assert.Contains("MaxDepth", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRecordBytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated_on_start()
    {
        var services = new ServiceCollection().AddCaiScores(o => o.MaxDepth = 1);
        using var provider = services.BuildServiceProvider();
        var startupValidator = provider.GetRequiredService<IStartupValidator>();
        Assert.Throws<OptionsValidationException>(startupValidator.Validate);
    }

    [Fact]
    public void Leaves_an_existing_loader_registration_alone()
    {
        var mine = new CaiScoreLoader(new CaiScoresOptions { MaxDepth = 99 });
        var services = new ServiceCollection().AddSingleton(mine).AddCaiScores();
        using var provider = services.BuildServiceProvider();
        Assert.Same(mine, provider.GetRequiredService<CaiScoreLoader>());
    }

    [Fact]
    public void Guards_its_argument()
    {
        Assert.Throws<ArgumentNullException>(() => CaiScoresServiceCollectionExtensions.AddCaiScores(null!));
    }
}
