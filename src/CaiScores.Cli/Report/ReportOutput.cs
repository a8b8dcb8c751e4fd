namespace CaiScores.Cli.Report;

/// <summary>
/// The report's output folder (<c>--out</c>). The report owns exactly <c>report.html</c>, <c>json/</c>, <c>csv/</c> and <c>audiences/</c> in it:
/// <see cref="Prepare"/> checks before any work that the folder can be created and written (so a bad <c>--out</c> fails at
/// once, not after the analyses), and <see cref="Clear"/> deletes the previous report's <c>json/</c>, <c>csv/</c> and <c>audiences/</c> before the
/// new one is written, so no stale result survives a re-run. Other files in the folder are never touched.
/// </summary>
internal static class ReportOutput
{
    public const string Html = "report.html";

    /// <summary>The subfolders the report owns, deleted and written anew on every run.</summary>
    public static readonly string[] OwnedFolders = ["json", "csv", ReportFiles.AudienceFolder];

    /// <summary>Creates the folder if missing and checks that the report can be written in it.</summary>
    /// <exception cref="InputException">The folder is a file, cannot be created or cannot be written.</exception>
    public static void Prepare(string outDir)
    {
        if (File.Exists(outDir))
        {
            throw new InputException($"--out {outDir}: is a file, not a folder (give a folder to write the report in)");
        }

        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--out {outDir}: cannot create the folder: {e.Message}");
        }

        if (Directory.Exists(Path.Combine(outDir, Html)))
        {
            throw new InputException($"--out {outDir}: {Html} is a folder there, but the report is written as a file of that name");
        }

        if (OwnedFolders.FirstOrDefault(f => File.Exists(Path.Combine(outDir, f))) is { } file)
        {
            throw new InputException($"--out {outDir}: {file} is a file there, but the report writes its {file.ToUpperInvariant()} files in a folder of that name");
        }

        var probe = Path.Combine(outDir, $".cai-scores-{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--out {outDir}: cannot write in the folder: {e.Message}");
        }
    }

    /// <summary>Deletes the previous report's <c>json/</c>, <c>csv/</c> and <c>audiences/</c> folders (nothing else).</summary>
    public static void Clear(string outDir)
    {
        foreach (var owned in OwnedFolders)
        {
            var folder = Path.Combine(outDir, owned);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
