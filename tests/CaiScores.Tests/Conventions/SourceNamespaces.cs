using System.Text.RegularExpressions;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Conventions;

/// <summary>
/// The namespaces of src/CaiScores read from the source text, and every reference one makes to another: a <c>using</c>
/// (plain, static or alias), a qualified name (<c>CaiScores.Output.X</c>, or <c>Output.X</c> from inside
/// <c>CaiScores</c>), or the name of a type in an enclosing namespace, which C# lets a file use without any using.
/// </summary>
/// <remarks>
/// Text, not a compiler: comments and string literals are blanked first, and a type of an enclosing namespace counts as
/// used when its name stands as a word (a local of the same name would count too; rename it). That errs on the side of
/// reporting a reference, never of missing one.
/// </remarks>
internal sealed partial class SourceNamespaces
{
    private SourceNamespaces(IReadOnlyList<SourceFile> files)
    {
        Files = files;
        Namespaces = files.Select(f => f.Namespace).ToHashSet(StringComparer.Ordinal);
        TypesOf = files.GroupBy(f => f.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(f => f.DeclaredTypes).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>The source files with their namespace.</summary>
    public IReadOnlyList<SourceFile> Files { get; }

    /// <summary>Every namespace a file declares.</summary>
    public IReadOnlySet<string> Namespaces { get; }

    /// <summary>The top-level types each namespace declares.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> TypesOf { get; }

    /// <summary>The core package's source, src/CaiScores (bin and obj left out).</summary>
    public static SourceNamespaces Core { get; } = Read(Path.Combine(DocSnippets.Root(), "src", "CaiScores"));

    public static SourceNamespaces Read(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => SourceFile.Read(f, Path.GetRelativePath(directory, f).Replace('\\', '/')))
            .ToList();
        return new SourceNamespaces(files);
    }

    /// <summary>Every reference each file makes to a namespace other than its own, with the line and what was seen.</summary>
    public IEnumerable<Reference> References()
    {
        foreach (var file in Files)
        {
            var lines = file.Code.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var match = UsingLine().Match(line);
                if (match.Success)
                {
                    if (Known(match.Groups["name"].Value) is { } target && target != file.Namespace)
                    {
                        yield return new Reference(file, i + 1, target, line.Trim());
                    }

                    continue;
                }

                if (NamespaceLine().IsMatch(line))
                {
                    continue;
                }

                foreach (Match qualified in QualifiedName().Matches(line))
                {
                    if (Resolve(qualified.Value.Replace("global::", string.Empty, StringComparison.Ordinal), file.Namespace) is { } target
                        && target != file.Namespace && !file.Namespace.StartsWith(target + ".", StringComparison.Ordinal))
                    {
                        yield return new Reference(file, i + 1, target, qualified.Value);
                    }
                }

                foreach (var ancestor in Ancestors(file.Namespace))
                {
                    if (!TypesOf.TryGetValue(ancestor, out var types))
                    {
                        continue;
                    }

                    foreach (Match word in Word().Matches(line))
                    {
                        if (types.Contains(word.Value))
                        {
                            yield return new Reference(file, i + 1, ancestor, word.Value + " (a type of the enclosing namespace)");
                        }
                    }
                }
            }
        }
    }

    /// <summary>The longest known namespace that <paramref name="name"/> starts with, or null.</summary>
    private string? Known(string name)
    {
        for (var candidate = name; ; candidate = candidate[..candidate.LastIndexOf('.')])
        {
            if (Namespaces.Contains(candidate))
            {
                return candidate;
            }

            if (!candidate.Contains('.', StringComparison.Ordinal))
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The namespace a qualified name such as <c>Output.ResultDump.Of</c> points into, read as C# would from inside
    /// <paramref name="from"/>: relative to each enclosing namespace, innermost first, then as written.
    /// </summary>
    private string? Resolve(string qualified, string from)
    {
        var segments = qualified.Split('.');
        var scopes = Ancestors(from).Prepend(from).Append(string.Empty).ToList();
        for (var k = segments.Length - 1; k >= 1; k--)
        {
            var prefix = string.Join('.', segments[..k]);
            foreach (var scope in scopes)
            {
                var candidate = scope.Length == 0 ? prefix : scope + "." + prefix;
                if (Namespaces.Contains(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> Ancestors(string ns)
    {
        for (var dot = ns.LastIndexOf('.'); dot > 0; dot = ns.LastIndexOf('.', dot - 1))
        {
            yield return ns[..dot];
        }
    }

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<name>CaiScores[\w.]*)\s*;")]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"^\s*namespace\s")]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?[A-Z]\w*(?:\.[A-Z]\w*)+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])[A-Z]\w*\b")]
    private static partial Regex Word();
}

/// <summary>One source file: its path below src/CaiScores, its namespace, its code with comments and strings blanked.</summary>
internal sealed partial record SourceFile(string Path, string Namespace, string Code, IReadOnlyList<string> DeclaredTypes, int LineCount)
{
    public static SourceFile Read(string fullPath, string relativePath)
    {
        var text = File.ReadAllText(fullPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        var ns = FileNamespace().Match(text) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"{relativePath} has no file-scoped namespace.");
        var types = TopLevelType().Matches(text).Select(t => t.Groups["name"].Value).Distinct().ToList();
        return new SourceFile(relativePath, ns, Blank(text), types, text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0));
    }

    /// <summary>Comments and string literals replaced by spaces, keeping line breaks, so line numbers stay right.</summary>
    private static string Blank(string text)
    {
        var code = text.ToCharArray();
        var i = 0;
        while (i < code.Length)
        {
            if (code[i] == '/' && i + 1 < code.Length && code[i + 1] == '/')
            {
                while (i < code.Length && code[i] != '\n')
                {
                    code[i++] = ' ';
                }
            }
            else if (code[i] == '/' && i + 1 < code.Length && code[i + 1] == '*')
            {
                while (i < code.Length && !(code[i] == '*' && i + 1 < code.Length && code[i + 1] == '/'))
                {
                    code[i] = code[i] == '\n' ? '\n' : ' ';
                    i++;
                }

                if (i < code.Length)
                {
                    code[i++] = ' ';
                    code[i++] = ' ';
                }
            }
            else if (code[i] == '"' && i + 2 < code.Length && code[i + 1] == '"' && code[i + 2] == '"')
            {
                var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                end = end < 0 ? code.Length : end + 3;
                for (; i < end; i++)
                {
                    code[i] = code[i] == '\n' ? '\n' : ' ';
                }
            }
            else if (code[i] == '"')
            {
                var verbatim = i > 0 && (code[i - 1] == '@' || (code[i - 1] == '$' && i > 1 && code[i - 2] == '@'));
                code[i++] = ' ';
                while (i < code.Length && code[i] != '"' && (verbatim || code[i] != '\n'))
                {
                    if (!verbatim && code[i] == '\\' && i + 1 < code.Length)
                    {
                        code[i++] = ' ';
                    }

                    code[i] = code[i] == '\n' ? '\n' : ' ';
                    i++;
                }

                if (i < code.Length && code[i] == '"')
                {
                    code[i++] = ' ';
                }
            }
            else if (code[i] == '\'' && i + 2 < code.Length && (code[i + 2] == '\'' || (code[i + 1] == '\\' && i + 3 < code.Length && code[i + 3] == '\'')))
            {
                var end = code[i + 2] == '\'' ? i + 3 : i + 4;
                for (; i < end; i++)
                {
                    code[i] = ' ';
                }
            }
            else
            {
                i++;
            }
        }

        return new string(code);
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^(?:(?:public|internal|static|sealed|abstract|readonly|partial|file|ref|unsafe)\s+)*(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?|delegate\s+[\w<>?,\[\]\s]+?)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();
}

/// <summary>A reference from a file to another namespace: where it is and what was written.</summary>
internal sealed record Reference(SourceFile File, int Line, string Target, string Text)
{
    public override string ToString() => $"{File.Path}:{Line}: {Text} → {Target}";
}
