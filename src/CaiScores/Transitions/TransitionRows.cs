using CaiScores.Bucketing;

namespace CaiScores.Transitions;

/// <summary>What a row or column of a <see cref="TransitionMatrix"/> stands for.</summary>
public enum TransitionStateKind
{
    /// <summary>A bucket of the scheme: persons scored in the run with a value in it.</summary>
    Bucket = 0,

    /// <summary>"No value": persons scored in the run without a value (shown only with <see cref="TransitionOptions.IncludeNoValue"/>).</summary>
    NoValue = 1,

    /// <summary>The last row: persons not scored in the from-run (or without a value there, when "No value" is hidden) but in a bucket of the to-run.</summary>
    Entry = 2,

    /// <summary>The last column: persons in a bucket of the from-run but not scored in the to-run (or without a value there, when "No value" is hidden).</summary>
    Exit = 3,
}

/// <summary>A row (from-run) or column (to-run) of a <see cref="TransitionMatrix"/>.</summary>
/// <param name="Index">The row's or column's position.</param>
/// <param name="Label">The bucket's short name (<c>High</c>; its CJA label, <c>75 or more</c>, where the scheme has no alias),
/// the "No value" label, <see cref="TransitionMatrix.EntryLabel"/> or <see cref="TransitionMatrix.ExitLabel"/>.</param>
/// <param name="Kind">A bucket, "No value", Entry or Exit.</param>
/// <param name="Bucket">The bucket (label, alias, edges); null for the other kinds.</param>
public sealed record TransitionState(int Index, string Label, TransitionStateKind Kind, Bucket? Bucket);

/// <summary>One cell of a <see cref="TransitionMatrix"/>: the persons who were in <see cref="From"/> in the from-run and in <see cref="To"/> in the to-run.</summary>
/// <param name="From">The row: where the persons were.</param>
/// <param name="To">The column: where they went.</param>
/// <param name="Count">The persons (each person counts in exactly one cell, or in none when absent from both runs). Always 0 in the Entry × Exit corner.</param>
/// <param name="RowShare"><see cref="Count"/> over the row's total (where the row's persons went); 0 for an empty row.</param>
/// <param name="ColumnShare"><see cref="Count"/> over the column's total (where the column's persons came from); 0 for an empty column.</param>
public sealed record TransitionCell(TransitionState From, TransitionState To, long Count, double RowShare, double ColumnShare);

/// <summary>A row of a <see cref="TransitionMatrix"/>: a bucket (or "No value", or Entry) of the from-run and where its persons went.</summary>
/// <param name="From">The row's state.</param>
/// <param name="Total">The persons of the row: for a bucket, the persons of the from-run in it (the sum of its cells, exit included).</param>
/// <param name="Cells">One cell per column, in column order (buckets ascending, "No value", Exit).</param>
public sealed record TransitionRow(TransitionState From, long Total, IReadOnlyList<TransitionCell> Cells);

/// <summary>A column of a <see cref="TransitionMatrix"/>: a bucket (or "No value", or Exit) of the to-run.</summary>
/// <param name="To">The column's state.</param>
/// <param name="Total">The persons of the column: for a bucket, the persons of the to-run in it (the sum of its cells, entries included).</param>
public sealed record TransitionColumn(TransitionState To, long Total);
