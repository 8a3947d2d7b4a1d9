using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// One scan for <c>cedge scan</c>: probes each target in turn under a progress bar, then prints a table of the targets
/// that answered (with the answer and its round trip in ms) and a count line.
/// </summary>
/// <param name="Title">Progress bar text, e.g. "scanning /dev/ttyUSB0 9600 8N1".</param>
/// <param name="TargetColumn">Table header of the target column, e.g. "unit" or "address".</param>
/// <param name="AnswerColumn">Table header of the answer column.</param>
/// <param name="Noun">What the count line counts, e.g. "unit ids" or "addresses".</param>
internal sealed record BusScan(string Title, string TargetColumn, string AnswerColumn, string Noun)
{
    /// <summary>
    /// Probes <paramref name="targets"/>. <paramref name="probe"/> returns the answer's text (a normal reply, or an
    /// error reply, which also means a device is there) or null when the target stayed silent (a timeout); an exception
    /// for which <paramref name="isConnectionLoss"/> holds ends the scan.
    /// </summary>
    /// <returns>Exit code: 0 when any target answered; 1 when none did or the connection was lost (the error on stderr).</returns>
    public async Task<int> RunAsync<T>(IReadOnlyList<T> targets, Func<T, CancellationToken, Task<string?>> probe,
        Func<Exception, bool> isConnectionLoss, CancellationToken cancellationToken) where T : notnull
    {
        var answers = new List<(T Target, string Answer, double Ms)>();
        string? connectionError = null;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask(Title, maxValue: targets.Count);
            foreach (var target in targets)
            {
                if (cancellationToken.IsCancellationRequested) break;
                long started = Stopwatch.GetTimestamp();
                try
                {
                    if (await probe(target, cancellationToken) is { } answer) answers.Add((target, answer, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                }
                catch (Exception ex) when (isConnectionLoss(ex))
                {
                    connectionError = ex.Message;
                    break;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                task.Increment(1);
            }
        });
        if (connectionError is not null)
        {
            await Console.Error.WriteLineAsync($"error: {connectionError}");
            return 1;
        }
        var table = new Table().AddColumn(TargetColumn).AddColumn(AnswerColumn).AddColumn(new TableColumn("ms").RightAligned());
        foreach (var (target, answer, ms) in answers)
        {
            table.AddRow(Markup.Escape(Convert.ToString(target, CultureInfo.InvariantCulture) ?? ""), Markup.Escape(answer), ms.ToString("0.0", CultureInfo.InvariantCulture));
        }
        if (answers.Count > 0) AnsiConsole.Write(table);
        Console.WriteLine($"{answers.Count} of {targets.Count} {Noun} answer");
        return answers.Count > 0 ? 0 : 1;
    }
}
