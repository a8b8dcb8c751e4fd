using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

// Usage: PackageCheck <folder with .nupkg/.snupkg>. Exit 1 listing every missing piece.
var folder = args.Length == 1 ? args[0] : throw new ArgumentException("usage: PackageCheck <folder>");
var problems = new List<string>();

void Expect(bool ok, string problem)
{
    if (!ok)
    {
        problems.Add(problem);
    }
}

string? Find(string id) => Directory.GetFiles(folder, "*.nupkg")
    .SingleOrDefault(f => Regex.IsMatch(Path.GetFileName(f), "^" + Regex.Escape(id) + @"\.\d"));

// The core stays free of native code; the Parquet package adds only ParquetSharp.
CheckLibrary("CaiScores", ["Apache.Arrow", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Options"]);
CheckLibrary("CaiScores.Parquet", ["CaiScores", "ParquetSharp"]);
CheckTool("CaiScores.Cli", ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64", "win-arm64"]);

foreach (var problem in problems)
{
    Console.Error.WriteLine("package check: " + problem);
}

Console.WriteLine(problems.Count == 0 ? "package check: ok" : $"package check: {problems.Count} problem(s)");
return problems.Count == 0 ? 0 : 1;

void CheckLibrary(string id, string[] allowed)
{
    var package = Find(id);
    if (package is null)
    {
        problems.Add($"{id} .nupkg not found in {folder}");
        return;
    }

    using (var zip = ZipFile.OpenRead(package))
    {
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var tfm in new[] { "net8.0", "net10.0" })
        {
            Expect(names.Contains($"lib/{tfm}/{id}.dll"), $"{id}: lib/{tfm}/{id}.dll missing");
            Expect(names.Contains($"lib/{tfm}/{id}.xml"), $"{id}: lib/{tfm}/{id}.xml (XML docs) missing");
        }

        Expect(names.Contains("icon.png") && zip.GetEntry("icon.png")!.Length > 1000, $"{id}: icon.png missing or empty");
        Expect(names.Contains("README.md"), $"{id}: README.md missing");
        if (id == "CaiScores")
        {
            // LINQPad shows the package's linqpad-samples folder as samples.
            var samples = names.Count(n => n.StartsWith("linqpad-samples/", StringComparison.Ordinal) && n.EndsWith(".linq", StringComparison.Ordinal));
            Expect(samples >= 3, $"{id}: linqpad-samples/*.linq missing ({samples} found)");
        }

        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var xml = XDocument.Load(stream);
        string? Meta(string name) => xml.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        Expect(Meta("license") == "MIT", $"{id}: license expression MIT missing");
        Expect(Meta("icon") == "icon.png", $"{id}: <icon> missing");
        Expect(Meta("readme") == "README.md", $"{id}: <readme> missing");
        var dependencies = xml.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Distinct().Order().ToList();
        CheckNuspecAndReadme(id, zip, xml);
        Expect(dependencies.All(allowed.Contains), $"{id}: unexpected dependencies: " + string.Join(", ", dependencies.Except(allowed)));
        Console.WriteLine($"{Path.GetFileName(package)}: {names.Count} entries; dependencies: {string.Join(", ", dependencies)}");
    }

    Expect(File.Exists(Path.ChangeExtension(package, ".snupkg")), $"{id}: symbols package (.snupkg) missing");
}

// The package page shows the nuspec's links and the packed README without the repository around them.
void CheckNuspecAndReadme(string id, ZipArchive zip, XDocument nuspec)
{
    string? Meta(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
    var repository = nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url")?.Value;
    Expect(repository is not null && repository.StartsWith("https://", StringComparison.Ordinal), $"{id}: <repository url> missing");
    Expect(Meta("projectUrl") is { } url && url.StartsWith("https://", StringComparison.Ordinal), $"{id}: <projectUrl> missing");
    var readme = zip.GetEntry("README.md");
    if (readme is null)
    {
        return;
    }

    using var reader = new StreamReader(readme.Open());
    var relative = Regex.Matches(reader.ReadToEnd(), @"\]\((?![a-zA-Z][a-zA-Z0-9+.-]*:|#)([^)\s]+)\)").Select(m => m.Groups[1].Value).ToList();
    Expect(relative.Count == 0, $"{id}: README.md has relative links that break on the package page: {string.Join(", ", relative.Take(5))}");
}

// A platform-specific tool: a pointer package naming one package per platform, each with only what a tool user needs.
void CheckTool(string id, string[] runtimes)
{
    var pointer = Find(id);
    if (pointer is null)
    {
        problems.Add($"the {id} tool package is missing");
        return;
    }

    using (var zip = ZipFile.OpenRead(pointer))
    {
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        CheckNuspecAndReadme(id, zip, XDocument.Load(stream));
        Expect(zip.Entries.All(e => !e.FullName.EndsWith(".dll", StringComparison.Ordinal)), $"{id}: the pointer package carries binaries");
    }

    foreach (var rid in runtimes)
    {
        var package = Find($"{id}.{rid}");
        if (package is null)
        {
            problems.Add($"{id}.{rid} .nupkg not found in {folder}");
            continue;
        }

        const long Budget = 15L * 1024 * 1024;
        var size = new FileInfo(package).Length;
        Expect(size <= Budget, $"{id}.{rid}: {size / 1024.0 / 1024:F1} MB, over the 15 MB budget");
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Expect(names.Any(n => n.StartsWith($"tools/net10.0/{rid}/ParquetSharpNative", StringComparison.Ordinal)), $"{id}.{rid}: its native Parquet library is missing");
        Expect(names.Count(n => n.Contains("ParquetSharpNative", StringComparison.Ordinal)) == 1, $"{id}.{rid}: carries other platforms' native libraries");
        var docs = names.Where(n => n.EndsWith(".xml", StringComparison.Ordinal) && !n.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal) && !n.StartsWith('[')).ToList();
        Expect(docs.Count == 0, $"{id}.{rid}: API docs a tool user does not need: {string.Join(", ", docs)}");
        Console.WriteLine($"{Path.GetFileName(package)}: {size / 1024.0 / 1024:F1} MB, {names.Count} entries");
    }
}
