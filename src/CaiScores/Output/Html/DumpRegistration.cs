using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using CaiScores.Analysis;

namespace CaiScores.Output;

/// <summary>Fills the analysis floor's <see cref="DumpHook"/> with Output's LINQPad rendering when the assembly loads.</summary>
internal static class DumpRegistration
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "Assigns one delegate, so that results can be dumped in LINQPad without naming Output (docs/architecture.md).")]
    internal static void Register() => DumpHook.Register(ResultDump.Of);
}
