namespace CaiScores.Ingest;

/// <summary>JSON Lines: a record is a line, blanks around it trimmed; an oversized line is discarded up to its newline.</summary>
internal sealed partial class JsonRecordFramer
{
    private bool _discardingLine;

    private FrameStatus TryReadLine(out Frame frame)
    {
        frame = default;
        while (true)
        {
            var rest = _buffer.AsSpan(_scan, _end - _scan);
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (_discardingLine)
                {
                    _scan = _end;
                    _start = _end;
                    return _eof ? FrameStatus.End : FrameStatus.NeedMoreData;
                }

                // Leading blanks never count; trailing ones may still be followed by more of the record.
                var pending = _buffer.AsSpan(_start, _end - _start);
                var lead = pending.IndexOfAnyExcept(" \t\r"u8);
                _start += lead < 0 ? pending.Length : lead;
                pending = _buffer.AsSpan(_start, _end - _start);
                if (pending.LastIndexOfAnyExcept(" \t\r"u8) + 1 > _maxRecordBytes || pending.Length > _maxRecordBytes + WhitespaceSlack)
                {
                    frame = Oversized(_lineAtScan);
                    _discardingLine = true;
                    _scan = _end;
                    _start = _end;
                    return FrameStatus.Invalid;
                }

                _scan = _end;
                if (!_eof)
                {
                    return FrameStatus.NeedMoreData;
                }

                if (_start == _end)
                {
                    return FrameStatus.End;
                }

                // The last line has no newline.
                var last = Trim(_start, _end);
                _start = _end;
                if (last.Length == 0)
                {
                    return FrameStatus.End;
                }

                frame = new Frame(last, _lineAtScan, null);
                return FrameStatus.Record;
            }

            var lineEnd = _scan + newline;
            var line = _lineAtScan;
            var lineStart = _start;
            _scan = lineEnd + 1;
            _start = _scan;
            _lineAtScan++;
            if (_discardingLine)
            {
                _discardingLine = false;
                continue;
            }

            var record = Trim(lineStart, lineEnd);
            if (record.Length > _maxRecordBytes)
            {
                frame = Oversized(line);
                return FrameStatus.Invalid;
            }

            if (record.Length == 0)
            {
                continue;
            }

            frame = new Frame(record, line, null);
            return FrameStatus.Record;
        }
    }

    private ReadOnlyMemory<byte> Trim(int from, int to)
    {
        var span = _buffer.AsSpan(from, to - from);
        var first = span.IndexOfAnyExcept(" \t\r"u8);
        if (first < 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var last = span.LastIndexOfAnyExcept(" \t\r"u8);
        return _buffer.AsMemory(from + first, last - first + 1);
    }
}
