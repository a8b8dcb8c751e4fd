using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CaiScores.Tests.Docs;

/// <summary>
/// Every C# block in README.md compiles exactly as written, in a project like <c>dotnet new console</c> makes (the SDK's
/// implicit usings) referencing the CaiScores packages: the <c>using</c> lines a block needs are shown at its top. The
/// variables a block uses without declaring (<c>folder</c>, <c>path</c>, <c>table</c>, <c>services</c>, …) are the
/// reader's own, declared by the wrapper with the types the README's text gives them. <see cref="ReadmeSampleTests"/> runs
/// the same code.
/// </summary>
public sealed partial class ReadmeCompileTests
{
    /// <summary>What a reader of the README already has: the names the blocks use and never declare.</summary>
    private static readonly (string Name, string Declaration)[] ReaderVariables =
    [
        ("folder", "string folder"),
        ("path", "string path"),
        ("table", "global::CaiScores.Columnar.ScoreTable table"),
        ("services", "global::Microsoft.Extensions.DependencyInjection.IServiceCollection services"),
        ("highScores", "int highScores"),
    ];

    /// <summary>The SDK's implicit usings for a console app (Microsoft.NET.Sdk, ImplicitUsings enabled).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>LINQPad's <c>Dump</c>, which a LINQPad script has and the library does not reference.</summary>
    private const string LinqPad = """
        internal static class LINQPadExtensions
        {
            public static T Dump<T>(this T value, string? description = null) => value;
        }
        """;

    public static TheoryData<int> Blocks() => [.. Enumerable.Range(0, CSharpBlocks().Count)];

    [Fact]
    public void The_readme_has_csharp_blocks() => Assert.True(CSharpBlocks().Count >= 7, $"README.md has {CSharpBlocks().Count} C# blocks");

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Readme_block_compiles_as_written(int index)
    {
        var (line, code) = CSharpBlocks()[index];
        var lines = code.Split('\n');
        var usingCount = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) || l.Length == 0).Count();
        var usings = string.Join("\n", lines.Take(usingCount));
        var body = string.Join("\n", lines.Skip(usingCount));
        var parameters = ReaderVariables
            .Where(v => Regex.IsMatch(body, $@"\b{v.Name}\b") && !Regex.IsMatch(body, $@"(\bvar|[\w>\]?]) {v.Name}\s*="))
            .Select(v => v.Declaration);
        var source = $$"""
            {{usings}}

            internal static class ReadmeBlock
            {
                public static async Task Run({{string.Join(", ", parameters)}})
                {
                    await Task.CompletedTask;
            #line {{line + usingCount}} "README.md"
            {{body}}
            #line default
                }
            }
            """;

        var compilation = CSharpCompilation.Create(
            $"ReadmeBlock{index}",
            [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(LinqPad), CSharpSyntaxTree.ParseText(source)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();

        Assert.True(errors.Count == 0, $"README.md's C# block at line {line} does not compile as written:\n{string.Join("\n", errors)}");
    }

    /// <summary>The README's <c>```csharp</c> blocks: the line of their first code line, and their text.</summary>
    private static List<(int Line, string Code)> CSharpBlocks()
    {
        var text = File.ReadAllText(Path.Combine(DocSnippets.Root(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        return [.. CSharpBlock().Matches(text).Select(m => (text[..m.Groups["code"].Index].Count(c => c == '\n') + 1, m.Groups["code"].Value))];
    }

    /// <summary>The framework and every assembly the tests load (CaiScores, CaiScores.Parquet, DI, Arrow, …).</summary>
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(p => MetadataReference.CreateFromFile(p))]);

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();
}
