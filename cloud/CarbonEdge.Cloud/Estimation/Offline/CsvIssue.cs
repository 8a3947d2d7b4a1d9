namespace CarbonEdge.Cloud.Estimation.Offline;

/// <summary>A bad row of an input file: where it is and what is wrong. The row is skipped, never silently.</summary>
/// <param name="File">File name as given on the command line.</param>
/// <param name="Line">1-based line number (the header is line 1).</param>
/// <param name="Column">1-based column number; 0 when the whole row is wrong.</param>
/// <param name="ColumnName">Header name of the column, or empty.</param>
/// <param name="Message">What is wrong and what would be right.</param>
internal sealed record CsvIssue(string File, long Line, int Column, string ColumnName, string Message)
{
    /// <summary><c>readings.csv line 12, column 3 (ts): '...' is not ...; row skipped</c>.</summary>
    public override string ToString() => Column > 0
        ? $"{File} line {Line}, column {Column} ({ColumnName}): {Message}; row skipped"
        : $"{File} line {Line}: {Message}; row skipped";
}

/// <summary>An input file that cannot be read at all (missing, unreadable, wrong header).</summary>
internal sealed class CsvFileException(string message, Exception? inner = null) : Exception(message, inner);
