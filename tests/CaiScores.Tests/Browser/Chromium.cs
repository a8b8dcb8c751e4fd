namespace CaiScores.Tests.Browser;

/// <summary>
/// Where the Chromium executable is, and what a browser test does without it: under CI (<c>CI=true</c>, where .ci/run
/// installs Debian's <c>chromium</c>) the test fails with <see cref="MissingMessage"/>; elsewhere it is skipped
/// (<see cref="ChromiumFactAttribute"/>). <c>CAI_CHROMIUM</c> names another executable.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

    private static readonly Lazy<string?> LazyExecutable = new(Find);

    /// <summary>The full path of the executable, or null when none is installed.</summary>
    public static string? Executable => LazyExecutable.Value;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingMessage =>
        (Environment.GetEnvironmentVariable("CAI_CHROMIUM") is { Length: > 0 } configured
            ? $"Chromium is not installed: CAI_CHROMIUM names {configured}, which does not exist. "
            : $"Chromium is not installed: none of {string.Join(", ", Names)} is on PATH (or set CAI_CHROMIUM). ") +
        "Install it with `apt-get install chromium` (.ci/run does so under CI).";

    /// <summary>Why a browser test is skipped: null when it runs (Chromium is there, or CI must fail without it).</summary>
    public static string? SkipReason(string? executable, bool inCi) => executable is null && !inCi ? MissingMessage : null;

    /// <summary>The executable, or an assertion failure with <see cref="MissingMessage"/>.</summary>
    public static string Require() => Executable ?? throw new Xunit.Sdk.XunitException(MissingMessage);

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CAI_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return Names
            .SelectMany(name => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>
/// A fact that needs Chromium: skipped with a reason when it is not installed, except under CI, where the test runs and
/// fails with <see cref="Chromium.MissingMessage"/> (xunit 2 has no skipping from inside a test, so the decision is made
/// when the test is discovered).
/// </summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        Skip = Chromium.SkipReason(Chromium.Executable, Chromium.InCi);
    }
}

/// <summary>The theory form of <see cref="ChromiumFactAttribute"/>.</summary>
internal sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        Skip = Chromium.SkipReason(Chromium.Executable, Chromium.InCi);
    }
}
