using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Testing;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>Tests that block the thread pool run alone: they would slow down every other test's servers.</summary>
[CollectionDefinition(nameof(StarvedThreadPool), DisableParallelization = true)]
public sealed class StarvedThreadPool;

/// <summary>
/// Response timeouts fire on time when the thread pool has no thread to spare (a gateway busy elsewhere, or code that
/// blocks pool threads): they must not wait for the pool, or one slow device stalls a whole bus far beyond its timeout.
/// The peers here run on plain threads, and a response dribbled byte by byte must not stretch the timeout either.
/// "On time" is asserted by order, not by wall time: the exchange fails while every pool thread is still blocked, never
/// before its timeout, and before the dribbled answer is complete.
/// </summary>
[Collection(nameof(StarvedThreadPool))]
public class TimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Waits (on this thread, not the pool) for <paramref name="exchange"/> while every pool thread is blocked;
    /// returns how long it took to fail and its error.
    /// </summary>
    private static (TimeSpan Elapsed, Exception? Error) WhileThePoolIsStarved(Func<Task> exchange)
    {
        using var pool = ThreadPoolBlock.Start(System.Threading.Timeout.InfiniteTimeSpan);
        var started = Stopwatch.GetTimestamp();
        var task = exchange();
        bool ended = ((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.True(ended, "the exchange did not end within 5 s");
        Assert.False(pool.ProbeRan, "the pool had a thread to spare: the test proves nothing");
        return (elapsed, task.Exception?.InnerException);
    }

    /// <summary>
    /// A peer on a plain thread: accepts one connection and answers each request by sending <paramref name="answer"/> a
    /// byte every 60 ms; <see cref="Answered"/> counts the answers sent whole.
    /// </summary>
    private sealed class Dribbler
    {
        private int _answered;

        public required Thread Thread { get; init; }

        public int Answered => Volatile.Read(ref _answered);

        public static Dribbler Start(Socket listener, byte[] answer)
        {
            Dribbler? dribbler = null;
            var thread = new Thread(() => dribbler!.Serve(listener, answer)) { IsBackground = true };
            dribbler = new Dribbler { Thread = thread };
            thread.Start();
            return dribbler;
        }

        private void Serve(Socket listener, byte[] answer)
        {
            try
            {
                using var peer = listener.Accept();
                var request = new byte[256];
                while (peer.Receive(request) > 0)
                {
                    foreach (byte b in answer)
                    {
                        Thread.Sleep(60);
                        peer.Send([b]);
                    }
                    Interlocked.Increment(ref _answered);
                }
            }
            catch (SocketException)
            {
                // the client went away
            }
        }
    }

    private static Socket Listen()
    {
        var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        return listener;
    }

    [Fact]
    public async Task RtuOverTcp_DribbledAnswer_TimesOutOnTime()
    {
        using var listener = Listen();
        // 4 input registers of unit 3, 13 bytes: 780 ms at 60 ms a byte.
        var answer = FramingTests.WithCrc(Hex.Bytes("03 04 08 00 01 00 02 00 03 00 04 00 00"));
        var dribbler = Dribbler.Start(listener, answer);
        await using var transport = new ModbusRtuTransport(
            new TcpChannel(new TcpChannelOptions { Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndPoint!).Port }),
            new ModbusRtuTransportOptions { ResponseTimeout = Timeout });
        await transport.Channel.OpenAsync(CancellationToken.None);
        var client = new ModbusClient(transport);

        var (elapsed, error) = WhileThePoolIsStarved(() => client.ReadInputRegistersAsync(3, 0, 4).AsTask());
        Assert.IsType<ModbusTimeoutException>(error);
        Assert.True(elapsed >= Timeout, $"a {Timeout.TotalMilliseconds} ms timeout fired after {elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(0, dribbler.Answered); // the timeout did not wait for the whole dribbled answer
        await transport.DisposeAsync();
        dribbler.Thread.Join();
    }

    [Fact]
    public async Task RtuOnASerialLine_Silence_TimesOutOnTime()
    {
        await using var pty = await SocatPtyPair.StartAsync("timeout-rtu");
        await using var transport = ModbusRtuTransport.OverSerial(new SerialPortOptions { Path = pty.PathB }, Timeout);
        await transport.Channel.OpenAsync(CancellationToken.None);
        var client = new ModbusClient(transport);

        var (elapsed, error) = WhileThePoolIsStarved(() => client.ReadHoldingRegistersAsync(1, 0, 1).AsTask());
        Assert.IsType<ModbusTimeoutException>(error);
        Assert.True(elapsed >= Timeout, $"a {Timeout.TotalMilliseconds} ms timeout fired after {elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task ModbusTcp_DribbledAnswer_TimesOutOnTime()
    {
        using var listener = Listen();
        var dribbler = Dribbler.Start(listener, Hex.Bytes("00 01 00 00 00 05 01 03 02 00 2A")); // 660 ms at 60 ms a byte
        await using var transport = new ModbusTcpTransport("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port,
            new ModbusTcpTransportOptions { ResponseTimeout = Timeout });
        var client = new ModbusClient(transport);
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadHoldingRegistersAsync(1, 0, 1).AsTask()); // connects first

        var (elapsed, error) = WhileThePoolIsStarved(() => client.ReadHoldingRegistersAsync(1, 0, 1).AsTask());
        Assert.IsType<ModbusTimeoutException>(error);
        Assert.True(elapsed >= Timeout, $"a {Timeout.TotalMilliseconds} ms timeout fired after {elapsed.TotalMilliseconds:0} ms");
        Assert.True(dribbler.Answered <= 1, "the timeout waited for the whole dribbled answer"); // the first request's answer may be whole
        await transport.DisposeAsync();
        dribbler.Thread.Join();
    }
}
