using System.Runtime.CompilerServices;
using System.Text.Json;
using CaiScores.Models;

namespace CaiScores.Ingest;

/// <summary>
/// Streams Customer AI output from JSON Lines or a JSON array, in either dataset format, with memory bounded by the
/// longest record rather than the input.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ReadRecords"/> yields <see cref="CaiScoreRecord"/>s as the source wrote them (one per document and instance);
/// <see cref="ReadScores"/> yields normalised <see cref="ScoreRecord"/>s (person id resolved, run parsed, out-of-range policy
/// applied; see <see cref="ScoreNormalizer"/>). Duplicates within a run are resolved by <see cref="ScoreBatch"/>, which
/// needs the whole input.
/// </para>
/// <para>
/// The tenant and instances are discovered (every <c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;</c> object), or restricted
/// by <see cref="CaiScoresOptions.TenantId"/> and <see cref="CaiScoresOptions.InstanceKeys"/>. Unknown fields are ignored.
/// A record that cannot be read faithfully throws a <see cref="CaiIngestException"/> naming the source, line and JSON path,
/// or is skipped and counted under <see cref="InvalidRecordPolicy.Skip"/>. An empty input yields nothing.
/// </para>
/// <para>A reader reads its stream once: enumerate one of the four methods once. Not thread-safe.</para>
/// </remarks>
public sealed class CaiJsonReader : IDisposable, IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CaiScoresOptions _options;
    private readonly DiagnosticsCollector _diagnostics;
    private readonly XdmJsonParser _parser;
    private readonly ScoreNormalizer _normalizer;
    private long _currentLine;
    private int _started;
    private bool _disposed;

    /// <summary>Creates a reader over a stream.</summary>
    /// <param name="stream">The input; read forward only.</param>
    /// <param name="sourceName">The name used in diagnostics and error messages, e.g. the file name.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>. Copied.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open. Default <see langword="false"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="sourceName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid, or the stream cannot be read.</exception>
    public CaiJsonReader(Stream stream, string sourceName, CaiScoresOptions? options = null, bool leaveOpen = false)
        : this(stream, sourceName, options, leaveOpen, null)
    {
    }

    internal CaiJsonReader(Stream stream, string sourceName, CaiScoresOptions? options, bool leaveOpen, IngestSession? session)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(stream));
        }

        session ??= new IngestSession(options);
        _options = session.Options;
        _diagnostics = session.Diagnostics;
        _parser = session.Parser;
        _normalizer = session.Normalizer;
        _stream = stream;
        _leaveOpen = leaveOpen;
        SourceName = sourceName;
        _diagnostics.AddSource(sourceName);
    }

    /// <summary>The name used in diagnostics and error messages.</summary>
    public string SourceName { get; }

    /// <summary>What has been read, dropped, altered and counted so far (a snapshot).</summary>
    public IngestDiagnostics Diagnostics => _diagnostics.Snapshot();

    /// <summary>Opens a file. The reader owns the file handle.</summary>
    /// <param name="path">A JSON Lines or JSON array file.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <returns>A reader; dispose it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or <paramref name="options"/> is invalid.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CaiJsonReader Open(string path, CaiScoresOptions? options = null) => Open(path, options, null);

    internal static CaiJsonReader Open(string path, CaiScoresOptions? options, IngestSession? session)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        session ??= new IngestSession(options);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return new CaiJsonReader(stream, path, options, leaveOpen: false, session);
    }

    /// <summary>Reads the records as the source wrote them.</summary>
    /// <param name="cancellationToken">Cancels between records.</param>
    /// <returns>The records, one per document and instance, in input order.</returns>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    /// <exception cref="InvalidOperationException">The reader was already enumerated.</exception>
    public IEnumerable<CaiScoreRecord> ReadRecords(CancellationToken cancellationToken = default)
    {
        Start();
        return ReadRecordsCore(cancellationToken);
    }

    private IEnumerable<CaiScoreRecord> ReadRecordsCore(CancellationToken cancellationToken)
    {
        foreach (var document in ParseDocuments(cancellationToken))
        {
            foreach (var raw in document)
            {
                yield return raw.ToRecord();
            }
        }
    }

    /// <summary>Reads the records as the source wrote them, asynchronously.</summary>
    /// <param name="cancellationToken">Cancels reads and between records.</param>
    /// <returns>The records, one per document and instance, in input order.</returns>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    /// <exception cref="InvalidOperationException">The reader was already enumerated.</exception>
    public IAsyncEnumerable<CaiScoreRecord> ReadRecordsAsync(CancellationToken cancellationToken = default)
    {
        Start();
        return ReadRecordsCoreAsync(cancellationToken);
    }

    private async IAsyncEnumerable<CaiScoreRecord> ReadRecordsCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in ParseDocumentsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var raw in document)
            {
                yield return raw.ToRecord();
            }
        }
    }

    /// <summary>Reads and normalises the scores (no duplicate resolution).</summary>
    /// <param name="cancellationToken">Cancels between records.</param>
    /// <returns>The kept scores in input order.</returns>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    /// <exception cref="InvalidOperationException">The reader was already enumerated.</exception>
    public IEnumerable<ScoreRecord> ReadScores(CancellationToken cancellationToken = default)
    {
        Start();
        return ReadScoresCore(cancellationToken);
    }

    /// <summary>Reads and normalises the scores asynchronously (no duplicate resolution).</summary>
    /// <param name="cancellationToken">Cancels reads and between records.</param>
    /// <returns>The kept scores in input order.</returns>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    /// <exception cref="InvalidOperationException">The reader was already enumerated.</exception>
    public IAsyncEnumerable<ScoreRecord> ReadScoresAsync(CancellationToken cancellationToken = default)
    {
        Start();
        return ReadScoresCoreAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (!_leaveOpen)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"The reader for '{SourceName}' has already been enumerated; open a new reader to read again.");
        }
    }

    private IEnumerable<ScoreRecord> ReadScoresCore(CancellationToken cancellationToken)
    {
        foreach (var document in ParseDocuments(cancellationToken))
        {
            foreach (var raw in document)
            {
                if (_normalizer.TryNormalize(raw, SourceName, _currentLine, out var score))
                {
                    yield return score;
                }
            }
        }
    }

    private async IAsyncEnumerable<ScoreRecord> ReadScoresCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in ParseDocumentsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var raw in document)
            {
                if (_normalizer.TryNormalize(raw, SourceName, _currentLine, out var score))
                {
                    yield return score;
                }
            }
        }
    }

    /// <summary>Frames and parses the input; yields each document's scores (a reused list) as it is parsed.</summary>
    private IEnumerable<List<RawScore>> ParseDocuments(CancellationToken cancellationToken)
    {
        using var framer = new JsonRecordFramer(_options.JsonFormat, _options.MaxRecordBytes);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (NextDocument(framer, out var document))
            {
                case FrameStatus.Record:
                    yield return document!;
                    break;
                case FrameStatus.End:
                    yield break;
                default:
                    Fill(framer, _stream.Read(framer.GetWriteBuffer().Span));
                    break;
            }
        }
    }

    private async IAsyncEnumerable<List<RawScore>> ParseDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var framer = new JsonRecordFramer(_options.JsonFormat, _options.MaxRecordBytes);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (NextDocument(framer, out var document))
            {
                case FrameStatus.Record:
                    yield return document!;
                    break;
                case FrameStatus.End:
                    yield break;
                default:
                    Fill(framer, await _stream.ReadAsync(framer.GetWriteBuffer(), cancellationToken).ConfigureAwait(false));
                    break;
            }
        }
    }

    /// <summary>
    /// Parses framed records until one yields a document (<see cref="FrameStatus.Record"/>), the framer needs more bytes
    /// (<see cref="FrameStatus.NeedMoreData"/>) or the input ends. Rejected records are handled on the way.
    /// </summary>
    private FrameStatus NextDocument(JsonRecordFramer framer, out List<RawScore>? document)
    {
        while (true)
        {
            var status = framer.TryRead(out var frame);
            if (status is FrameStatus.NeedMoreData or FrameStatus.End)
            {
                document = null;
                return status;
            }

            document = HandleFrame(status, frame);
            if (document is not null)
            {
                return FrameStatus.Record;
            }
        }
    }

    private static void Fill(JsonRecordFramer framer, int read)
    {
        if (read == 0)
        {
            framer.Complete();
        }
        else
        {
            framer.Advance(read);
        }
    }

    /// <summary>Parses a framed record, or handles a framing problem; null when the record was rejected.</summary>
    private List<RawScore>? HandleFrame(FrameStatus status, in Frame frame)
    {
        _currentLine = frame.Line;
        if (status == FrameStatus.Invalid)
        {
            Reject(new IngestProblem(SourceName, frame.Line, null, frame.Problem!), null);
            return null;
        }

        var json = frame.Json.Span;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = _options.MaxDepth });
        try
        {
            var document = _parser.ParseDocument(ref reader);
            if (reader.Read())
            {
                throw new XdmParseException("$", $"unexpected data after the record: {reader.TokenType}");
            }

            return document;
        }
        catch (XdmParseException e)
        {
            var line = frame.Line + json[..(int)Math.Min(reader.TokenStartIndex, json.Length)].Count((byte)'\n');
            Reject(new IngestProblem(SourceName, line, e.JsonPath, e.Message), e);
            return null;
        }
        catch (JsonException e)
        {
            var line = frame.Line + (e.LineNumber ?? 0);
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            Reject(new IngestProblem(SourceName, line, _parser.CurrentPath, "malformed JSON: " + message.TrimEnd()), e);
        }

        return null;
    }

    private void Reject(IngestProblem problem, Exception? cause)
    {
        if (_options.InvalidRecords == InvalidRecordPolicy.Throw)
        {
            throw new CaiIngestException(problem, cause);
        }

        _diagnostics.RejectDocument(problem);
    }
}
