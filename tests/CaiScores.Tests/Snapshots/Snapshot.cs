using System.Runtime.CompilerServices;
using System.Text;

namespace CaiScores.Tests.Snapshots;

/// <summary>
/// A small stand-in for Verify (whose packages cannot be restored here) that keeps Verify's file convention, so that moving
/// to Verify later is a package swap: the expected text lives in <c>{Class}.{Method}.verified.{ext}</c> beside the test
/// source; on a mismatch the actual text is written to <c>{Class}.{Method}.received.{ext}</c> and the test fails. Accept a
/// change by renaming the received file over the verified one. A missing verified file fails too (the received file is the
/// proposal). Line endings are normalised to LF; files are UTF-8 without BOM.
/// </summary>
internal static class Snapshot
{
    public static void Verify(
        string actual,
        string extension,
        string? suffix = null,
        [CallerFilePath] string sourceFile = "",
        [CallerMemberName] string method = "")
    {
        var directory = Path.GetDirectoryName(sourceFile)!;
        var name = Path.GetFileNameWithoutExtension(sourceFile) + "." + method + (suffix is null ? string.Empty : "_" + suffix);
        var verified = Path.Combine(directory, $"{name}.verified.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) == normalized)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, normalized, new UTF8Encoding(false));
        var reason = File.Exists(verified) ? "does not match" : "has no verified file yet";
        Assert.Fail($"Snapshot {name} {reason}. Compare {received} with {verified}; if the new text is right, rename the received file over the verified one.");
    }
}
