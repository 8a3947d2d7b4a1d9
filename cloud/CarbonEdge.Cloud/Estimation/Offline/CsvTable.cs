using System.Globalization;
using CsvHelper;

namespace CarbonEdge.Cloud.Estimation.Offline;

/// <summary>
/// Reads a CSV file (RFC 4180, comma separated, UTF-8; CsvHelper's reader) with a required header, row by row, giving
/// fields by column and recording a <see cref="CsvIssue"/> naming file, line and column for every field that does not
/// parse and every record with malformed quoting.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly CsvReader _reader;
    private readonly int[] _columns;
    private readonly string[] _names;
    private readonly List<CsvIssue> _issues;

    private CsvTable(string file, CsvReader reader, int[] columns, string[] names, List<CsvIssue> issues)
    {
        File = file;
        _reader = reader;
        _columns = columns;
        _names = names;
        _issues = issues;
    }

    /// <summary>File name used in issues.</summary>
    public string File { get; }

    /// <summary>1-based line of the current row.</summary>
    public long Line => _reader.LineNumber;

    /// <summary>True when a field of the current row was rejected (the row is to be skipped).</summary>
    public bool RowBad { get; private set; }

    /// <summary>Opens <paramref name="path"/> and checks that its header holds every name of <paramref name="header"/> (any order, extra columns ignored).</summary>
    /// <exception cref="CsvFileException">Missing or unreadable file, empty file, or a required column missing from the header.</exception>
    public static CsvTable Open(string path, IReadOnlyList<string> header, List<CsvIssue> issues) =>
        Create(path, Path.GetFileName(path), header, issues, options => CsvReader.FromFile(path, options));

    /// <summary>As <see cref="Open"/>, on text already in memory (e.g. a request body) named <paramref name="name"/> in issues.</summary>
    /// <exception cref="CsvFileException">Empty text, or a required column missing from the header.</exception>
    public static CsvTable OpenText(string name, string text, IReadOnlyList<string> header, List<CsvIssue> issues) =>
        Create(name, name, header, issues, options => CsvReader.FromText(text, options));

    private static CsvTable Create(string path, string file, IReadOnlyList<string> header, List<CsvIssue> issues, Func<CsvReaderOptions, CsvReader> open)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            PoolStrings = true,
            FormatProvider = CultureInfo.InvariantCulture,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = bad => issues.Add(new CsvIssue(file, bad.LineNumber, 0, "", $"malformed quoting ({bad.Reason})")),
        };
        CsvReader reader;
        try
        {
            reader = open(options);
            reader.ReadHeader();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CsvFormatException)
        {
            throw new CsvFileException($"{path}: cannot read ({ex.Message})", ex);
        }
        var found = reader.Headers.ToArray();
        var columns = new int[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            columns[i] = reader.TryGetFieldIndex(header[i], out var index) ? index : -1;
        }
        var missing = header.Where((_, i) => columns[i] < 0).ToList();
        if (missing.Count > 0)
        {
            reader.Dispose();
            throw new CsvFileException(found.Length == 0
                ? $"{file} is empty: its first line must be the header {string.Join(',', header)}"
                : $"{file} line 1: the header must hold {string.Join(',', header)} (missing: {string.Join(", ", missing)}; found: {string.Join(',', found)})");
        }
        return new CsvTable(file, reader, columns, [.. header], issues);
    }

    /// <summary>Moves to the next row (empty lines are skipped); false at the end of the file.</summary>
    public bool Read()
    {
        if (!_reader.Read())
        {
            return false;
        }
        RowBad = false;
        if (_reader.FieldCount <= _columns.Max())
        {
            Reject(-1, $"{_reader.FieldCount} fields, the header has more");
        }
        return true;
    }

    /// <summary>The text of column <paramref name="index"/> (index into the header given to <see cref="Open"/>); empty when the row is short.</summary>
    public string Text(int index) => _columns[index] < _reader.FieldCount ? _reader.GetString(_columns[index]) ?? "" : "";

    /// <summary>The text of column <paramref name="index"/> copied into <paramref name="buffer"/>; empty when it does not fit or the row is short.</summary>
    public ReadOnlySpan<char> Chars(int index, Span<char> buffer)
    {
        var column = _columns[index];
        if (column >= _reader.FieldCount || _reader.GetSpan(column).Length > buffer.Length)
        {
            return [];
        }
        return buffer[.._reader.GetChars(column, buffer)];
    }

    /// <summary>A non-empty text field, or an issue.</summary>
    public bool TryText(int index, out string value)
    {
        value = Text(index);
        return value.Length > 0 || Reject(index, "empty");
    }

    /// <summary>True when the field is empty or missing.</summary>
    public bool IsEmpty(int index) => _columns[index] >= _reader.FieldCount || _reader.IsEmpty(_columns[index]);

    /// <summary>A finite number (invariant culture), or an issue.</summary>
    public bool TryNumber(int index, out double value)
    {
        value = 0;
        return _columns[index] < _reader.FieldCount && _reader.TryParse(_columns[index], out value) && double.IsFinite(value)
               || Reject(index, $"'{Text(index)}' is not a number (e.g. 123.45)");
    }

    /// <summary>Records an issue for column <paramref name="index"/> (-1: the whole row) of the current row; always false.</summary>
    public bool Reject(int index, string message)
    {
        if (!RowBad)
        {
            _issues.Add(index < 0
                ? new CsvIssue(File, Line, 0, "", message)
                : new CsvIssue(File, Line, _columns[index] + 1, _names[index], message));
        }
        RowBad = true;
        return false;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();
}
