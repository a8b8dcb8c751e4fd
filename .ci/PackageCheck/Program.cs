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
Expect(Find("CaiScores.Cli") is not null, "the cai-scores tool package is missing");

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
        Expect(dependencies.All(allowed.Contains), $"{id}: unexpected dependencies: " + string.Join(", ", dependencies.Except(allowed)));
        Console.WriteLine($"{Path.GetFileName(package)}: {names.Count} entries; dependencies: {string.Join(", ", dependencies)}");
    }

    Expect(File.Exists(Path.ChangeExtension(package, ".snupkg")), $"{id}: symbols package (.snupkg) missing");
}
