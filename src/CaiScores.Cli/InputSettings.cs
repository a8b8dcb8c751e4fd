using CaiScores.Columnar;
using CaiScores.Ingest;

namespace CaiScores.Cli;

/// <summary>
/// How the inputs are read, from the command line: the reading policies of score files (<c>--skip-invalid</c>,
/// <c>--out-of-range</c>, <c>--identity-namespace</c>, <c>--duplicates</c>) and the columns of attribute and outcome files
/// (<c>--attribute-id-column</c>, <c>--attribute-columns</c>, <c>--outcome-id-column</c>, <c>--outcome-timestamp-column</c>,
/// <c>--outcome-value-column</c>).
/// </summary>
internal sealed class InputSettings
{
    /// <summary>The valued options of the score reading policies.</summary>
    public static readonly string[] PolicyValued = ["--identity-namespace", "--out-of-range", "--duplicates"];

    /// <summary>The valued options naming the columns of person files.</summary>
    public static readonly string[] ColumnValued =
        ["--attribute-id-column", "--attribute-columns", "--outcome-id-column", "--outcome-timestamp-column", "--outcome-value-column"];

    /// <summary>The switches of the score reading policies.</summary>
    public static readonly string[] Flags = ["--skip-invalid"];

    // The library's PersonFileColumns properties as the command line names them, for messages.
    private static readonly (string Property, string Option)[] AttributeNames =
        [("IdColumn", "--attribute-id-column"), ("AttributeColumns", "--attribute-columns")];

    private static readonly (string Property, string Option)[] OutcomeNames =
        [("IdColumn", "--outcome-id-column"), ("TimestampColumn", "--outcome-timestamp-column"), ("ValueColumn", "--outcome-value-column")];

    /// <summary>The default: throw on invalid records, keep out-of-range values, the primary identity, last wins.</summary>
    public static InputSettings Default { get; } = new();

    /// <summary>The options of the score readers (JSON and Parquet).</summary>
    public CaiScoresOptions Scores { get; init; } = new();

    /// <summary>The columns of the attribute file.</summary>
    public PersonFileColumns AttributeColumns { get; init; } = PersonFileColumns.Detect;

    /// <summary>The columns of the outcome file.</summary>
    public PersonFileColumns OutcomeColumns { get; init; } = PersonFileColumns.Detect;

    /// <summary>Reads the settings from parsed options; <paramref name="namespaceAlias"/> is an older name of <c>--identity-namespace</c>.</summary>
    /// <exception cref="UsageException">A policy value is not one of its choices, or a column name is empty.</exception>
    public static InputSettings Parse(Options options, string? namespaceAlias = null)
    {
        var settings = Read(options, namespaceAlias);
        foreach (var (columns, names) in new[] { (settings.AttributeColumns, AttributeNames), (settings.OutcomeColumns, OutcomeNames) })
        {
            try
            {
                columns.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(WithOptionNames(e.Message.Replace($"Invalid {nameof(PersonFileColumns)}: ", string.Empty, StringComparison.Ordinal), names));
            }
        }

        return settings;
    }

    private static InputSettings Read(Options options, string? namespaceAlias) => new()
    {
        Scores = new CaiScoresOptions
        {
            IdentityNamespace = NonEmpty(options, "--identity-namespace") ?? (namespaceAlias is null ? null : NonEmpty(options, namespaceAlias)),
            InvalidRecords = options.Has("--skip-invalid") ? InvalidRecordPolicy.Skip : InvalidRecordPolicy.Throw,
            OutOfRange = Choice(options, "--out-of-range", OutOfRangePolicy.Keep, ("keep", OutOfRangePolicy.Keep), ("clamp", OutOfRangePolicy.Clamp), ("exclude", OutOfRangePolicy.Exclude)),
            Duplicates = Choice(options, "--duplicates", DuplicatePolicy.LastWins, ("last-wins", DuplicatePolicy.LastWins), ("first-wins", DuplicatePolicy.FirstWins), ("keep-all", DuplicatePolicy.KeepAll)),
        },
        AttributeColumns = new PersonFileColumns
        {
            IdColumn = NonEmpty(options, "--attribute-id-column"),
            AttributeColumns = NonEmpty(options, "--attribute-columns") is { } list ? List(list, "--attribute-columns") : null,
        },
        OutcomeColumns = new PersonFileColumns
        {
            IdColumn = NonEmpty(options, "--outcome-id-column"),
            TimestampColumn = NonEmpty(options, "--outcome-timestamp-column"),
            ValueColumn = NonEmpty(options, "--outcome-value-column"),
        },
    };

    /// <summary>
    /// The problem of a person file with the library's <c>PersonFileColumns.X</c> named as the option that sets it, so the
    /// message says what to type; the original stays the inner exception.
    /// </summary>
    public static Exception ForAttributes(CaiIngestException e) => WithOptionNames(e, AttributeNames);

    /// <inheritdoc cref="ForAttributes"/>
    public static Exception ForOutcomes(CaiIngestException e) => WithOptionNames(e, OutcomeNames);

    private static Exception WithOptionNames(CaiIngestException e, (string Property, string Option)[] names)
    {
        var message = WithOptionNames(e.Message.Replace($"{nameof(PersonFileColumns)}.", string.Empty, StringComparison.Ordinal), names);
        return message == e.Message ? e : new CaiIngestException(message, e);
    }

    private static string WithOptionNames(string message, (string Property, string Option)[] names)
    {
        foreach (var (property, option) in names)
        {
            message = message.Replace(property, option, StringComparison.Ordinal);
        }

        return message;
    }

    private static string? NonEmpty(Options options, string name) =>
        options.Get(name) is not { } text ? null
        : text.Trim().Length > 0 ? text.Trim()
        : throw new UsageException($"{name} needs a value, got an empty one");

    private static string[] List(string text, string name)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries);
        return names.All(n => n.Length > 0) ? names : throw new UsageException($"{name} must be names separated by commas, got '{text}'");
    }

    private static T Choice<T>(Options options, string name, T defaultValue, params (string Text, T Value)[] choices)
    {
        if (options.Get(name) is not { } text)
        {
            return defaultValue;
        }

        foreach (var (choice, value) in choices)
        {
            if (choice.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new UsageException($"{name} must be {string.Join(", ", choices.Select(c => c.Text))}; got '{text}'");
    }
}
