using System.Runtime.CompilerServices;

namespace CaiScores.Output;

/// <summary>
/// Everything the output families need to know about one result type, said once: its tables (read by
/// <see cref="ResultTables"/> and through them by CSV, Arrow and HTML) and the charts a LINQPad dump draws above them
/// (<see cref="ResultDump"/>). Each result type has exactly one, registered in <see cref="ResultViews"/>.
/// </summary>
/// <remarks>A view only reads a result's public and internal properties; results do not know how they are shown.</remarks>
internal abstract class ResultView
{
    /// <summary>The result type described.</summary>
    public abstract Type ResultType { get; }

    /// <summary>The tables of a result of <see cref="ResultType"/>, the main table first.</summary>
    public abstract IReadOnlyList<ResultTable> TablesOf(object result);

    /// <summary>The SVG charts of a result of <see cref="ResultType"/>, in reading order; none for a result without one.</summary>
    public abstract IEnumerable<string> ChartsOf(object result);
}

/// <summary>The view of results of type <typeparamref name="T"/>: a function to its tables and one to its charts.</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="tables">The result's tables, the main one first; never given null.</param>
/// <param name="charts">The result's charts in reading order; null for a result drawn with none.</param>
internal sealed class ResultView<T>(Func<T, IReadOnlyList<ResultTable>> tables, Func<T, IEnumerable<string>>? charts = null) : ResultView
    where T : class
{
    /// <inheritdoc />
    public override Type ResultType => typeof(T);

    /// <summary>The tables of <paramref name="result"/>.</summary>
    /// <param name="result">The result.</param>
    /// <param name="name">The caller's name for <paramref name="result"/>, reported when it is null.</param>
    /// <returns>Its tables.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null (the exception names the caller's parameter).</exception>
    public IReadOnlyList<ResultTable> Tables(T result, [CallerArgumentExpression(nameof(result))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(result, name);
        return tables(result);
    }

    /// <inheritdoc />
    public override IReadOnlyList<ResultTable> TablesOf(object result) => Tables((T)result, nameof(result));

    /// <inheritdoc />
    public override IEnumerable<string> ChartsOf(object result) => charts is null ? [] : charts((T)result);
}
