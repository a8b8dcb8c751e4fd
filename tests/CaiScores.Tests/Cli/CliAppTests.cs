using CaiScores.Cli;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Cli;

public sealed class CliAppTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Demo_writes_the_sample_and_summarises_every_run()
    {
        var dir = Directory.CreateTempSubdirectory("cai-cli-");
        try
        {
            var (code, output, err) = await Run("demo", "--out", dir.FullName, "--persons", "300", "--runs", "3");
            Assert.Equal(0, code);
            Assert.Equal(string.Empty, err);
            Assert.True(File.Exists(Path.Combine(dir.FullName, "customer-ai-scores-ee.jsonl")));
            Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("_acme.CustomerAI.PurchasePropensityWebsite", StringComparison.Ordinal)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Summary_reads_fixtures()
    {
        var (code, output, _) = await Run("summary", Fixtures.EeGlobex, Fixtures.ProfileAcme);
        Assert.Equal(0, code);
        Assert.Contains("_globex.CustomerAI.ChurnRiskApp", output, StringComparison.Ordinal);
        Assert.Contains("read 8 score records from 2 file(s)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("demo --persons zero")]
    [InlineData("summary")]
    [InlineData("summary --bogus x")]
    public async Task Bad_usage_exits_2_with_one_line(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (code, _, err) = await Run(args);
        Assert.Equal(2, code);
        Assert.True(args.Length == 0 || err.TrimEnd().Split('\n').Length == 1, err);
    }

    [Fact]
    public async Task Bad_input_exits_1_naming_file_and_line_without_a_stack_trace()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Fixtures.Line("\"score\":\"high\""));
            var (code, _, err) = await Run("summary", file);
            Assert.Equal(1, code);
            Assert.StartsWith($"cai-scores: {file}:1: $._acme.CustomerAI.Inst.score:", err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Missing_file_exits_1()
    {
        var (code, _, err) = await Run("summary", "/no/such/file.jsonl");
        Assert.Equal(1, code);
        Assert.Contains("/no/such/file.jsonl", err, StringComparison.Ordinal);
    }
}
