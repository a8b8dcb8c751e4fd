namespace CaiScores.Analysis;

/// <summary>
/// The one documented exception to "results do not know how they are drawn": LINQPad's <c>Dump()</c> looks for a
/// type's own <c>ToDump()</c> by reflection, so every result type keeps a private <c>ToDump()</c> that calls
/// <see cref="Render"/>. Output fills the hook when the assembly loads (a module initializer in
/// <c>Output/Html/DumpRegistration.cs</c>), so the results name only this floor, never Output.
/// </summary>
internal static class DumpHook
{
    private static Func<object, object>? _render;

    /// <summary>Sets what <see cref="Render"/> returns for a result (Output's HTML dump).</summary>
    /// <param name="render">The renderer.</param>
    public static void Register(Func<object, object> render) => _render = render;

    /// <summary>What LINQPad shows for <paramref name="result"/>: Output's rendering, or the result itself before Output registered.</summary>
    /// <param name="result">A result.</param>
    /// <returns>The object LINQPad dumps in place of the result.</returns>
    public static object Render(object result) => _render is { } render ? render(result) : result;
}
