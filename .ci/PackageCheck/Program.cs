using System.IO.Compression;
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

var core = Directory.GetFiles(folder, "CaiScores.*.nupkg").SingleOrDefault(f => !Path.GetFileName(f).StartsWith("CaiScores.Cli", StringComparison.Ordinal));
if (core is null)
{
    Console.Error.WriteLine("CaiScores .nupkg not found in " + folder);
    return 1;
}

using (var zip = ZipFile.OpenRead(core))
{
    var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
    foreach (var tfm in new[] { "net8.0", "net10.0" })
    {
        Expect(names.Contains($"lib/{tfm}/CaiScores.dll"), $"lib/{tfm}/CaiScores.dll missing");
        Expect(names.Contains($"lib/{tfm}/CaiScores.xml"), $"lib/{tfm}/CaiScores.xml (XML docs) missing");
    }

    Expect(names.Contains("icon.png") && zip.GetEntry("icon.png")!.Length > 1000, "icon.png missing or empty");
    Expect(names.Contains("README.md"), "README.md missing");
    var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
    using var stream = nuspec.Open();
    var xml = XDocument.Load(stream);
    string? Meta(string name) => xml.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
    Expect(Meta("license") == "MIT", "license expression MIT missing");
    Expect(Meta("icon") == "icon.png", "<icon> missing");
    Expect(Meta("readme") == "README.md", "<readme> missing");
    var dependencies = xml.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Distinct().Order().ToList();
    var allowed = new[] { "Apache.Arrow", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Options" };
    Expect(dependencies.All(allowed.Contains), "unexpected dependencies: " + string.Join(", ", dependencies.Except(allowed)));
    Console.WriteLine($"{Path.GetFileName(core)}: {names.Count} entries; dependencies: {string.Join(", ", dependencies)}");
}

Expect(File.Exists(Path.ChangeExtension(core, ".snupkg")), "symbols package (.snupkg) missing");
Expect(Directory.GetFiles(folder, "CaiScores.Cli.*.nupkg").Length == 1, "the cai-scores tool package is missing");

foreach (var problem in problems)
{
    Console.Error.WriteLine("package check: " + problem);
}

Console.WriteLine(problems.Count == 0 ? "package check: ok" : $"package check: {problems.Count} problem(s)");
return problems.Count == 0 ? 0 : 1;
