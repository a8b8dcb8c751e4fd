namespace CaiScores.Tests.Snapshots;

public sealed class SnapshotTests
{
    [Fact]
    public void Matching_text_passes_and_leaves_no_received_file()
    {
        Snapshot.Verify("hello\nworld\n", "txt");
        Assert.False(File.Exists(ReceivedPath(nameof(Matching_text_passes_and_leaves_no_received_file))));
    }

    [Fact]
    public void Mismatch_fails_and_writes_the_received_file()
    {
        var received = ReceivedPath(nameof(Mismatch_fails_and_writes_the_received_file));
        try
        {
            Assert.ThrowsAny<Exception>(() => Snapshot.Verify("something else\n", "txt"));
            Assert.Equal("something else\n", File.ReadAllText(received));
        }
        finally
        {
            File.Delete(received);
        }
    }

    private static string ReceivedPath(string method, [System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, $"SnapshotTests.{method}.received.txt");
}
