using System.Text;
using CaiScores.Ingest;
using CaiScores.Samples;
using CaiScores.Serialization;
using Xunit.Abstractions;

using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Ingest;

/// <summary>
/// Memory must not grow with the input: 1,000,000 generated lines stream through the reader while the live heap, sampled
/// after full collections, stays flat. Allocations per record are reported (speed is a benchmark's job, not this test's).
/// </summary>
/// <remarks>
/// The live heap is the process's: it runs alone, after the parallel tests, so that their tables and files do not show
/// up as growth here.
/// </remarks>
[Collection(nameof(MeasuresTheWholeHeap))]
public sealed class StreamingMemoryTests(ITestOutputHelper output)
{
    private const int Lines = 1_000_000;

    [Fact]
    public void Reading_a_million_lines_keeps_memory_bounded()
    {
        using var stream = new GeneratedJsonLinesStream(Lines);
        using var reader = new CaiJsonReader(stream, "generated.jsonl");
        var samples = new List<long>();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long count = 0;
        foreach (var score in reader.ReadScores())
        {
            if (++count % 200_000 == 0)
            {
                samples.Add(GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal(Lines, count);
        Assert.Equal(Lines, reader.Diagnostics.RecordsNormalized);
        var growth = samples[^1] - samples[0];
        output.WriteLine($"live heap samples (MB): {string.Join(", ", samples.Select(s => (s / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}");
        output.WriteLine($"allocated per record: {allocated / (double)Lines:F0} bytes (transient; nothing is retained)");
        Assert.True(growth < 8_000_000, $"the live heap grew by {growth:N0} bytes over {Lines:N0} lines");
    }

    /// <summary>Serves <c>lines</c> JSON Lines built from a small set of sample records, without holding them all.</summary>
    private sealed class GeneratedJsonLinesStream : ForwardOnlyStream
    {
        private readonly byte[][] _templates;
        private readonly int _lines;
        private int _line;
        private byte[] _current = [];
        private int _offset;

        public GeneratedJsonLinesStream(int lines)
        {
            _lines = lines;
            using var buffer = new MemoryStream();
            CaiJsonWriter.WriteJsonLines(buffer, CaiSampleData.Generate(new CaiSampleOptions { Persons = 500, Runs = 2, MissingRate = 0 }));
            _templates = Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => Encoding.UTF8.GetBytes(l + "\n")).ToArray();
        }

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                if (_offset == _current.Length)
                {
                    if (_line == _lines)
                    {
                        break;
                    }

                    _current = _templates[_line++ % _templates.Length];
                    _offset = 0;
                }

                var n = Math.Min(buffer.Length - written, _current.Length - _offset);
                _current.AsSpan(_offset, n).CopyTo(buffer[written..]);
                _offset += n;
                written += n;
            }

            return written;
        }
    }
}

/// <summary>Tests that sample the process-wide heap run in this collection, alone.</summary>
[CollectionDefinition(nameof(MeasuresTheWholeHeap), DisableParallelization = true)]
public sealed class MeasuresTheWholeHeap;
