using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CaiScores.Tests.Kernels;

/// <summary>
/// .ci/run runs the kernel tests again with <c>DOTNET_EnableAVX2=0</c> and with <c>DOTNET_EnableHWIntrinsic=0</c>, so that
/// the paths a machine without AVX2 (or any vector unit) takes are tested here too. This test proves each run got the
/// instruction set it claims: a switch the runtime ignored would leave the fallback paths untested, silently.
/// </summary>
public sealed class InstructionSetTests
{
    [Fact]
    public void The_runtime_honours_the_instruction_set_switches_of_this_run()
    {
        if (Switch("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.False(Vector128.IsHardwareAccelerated, "DOTNET_EnableHWIntrinsic=0 is set, yet Vector128 is accelerated");
            Assert.False(Vector256.IsHardwareAccelerated, "DOTNET_EnableHWIntrinsic=0 is set, yet Vector256 is accelerated");
        }

        if (Switch("DOTNET_EnableAVX2") == "0")
        {
            Assert.False(Avx2.IsSupported, "DOTNET_EnableAVX2=0 is set, yet AVX2 is used");
            Assert.False(Vector256.IsHardwareAccelerated, "DOTNET_EnableAVX2=0 is set, yet Vector256 is accelerated");
        }
    }

    private static string? Switch(string name) => Environment.GetEnvironmentVariable(name);
}
