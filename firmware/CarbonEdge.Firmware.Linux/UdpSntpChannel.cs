using System.Net.Sockets;
using CarbonEdge.Firmware.Core.Time;

namespace CarbonEdge.Firmware.Linux;

/// <summary>SNTP over UDP port 123 (RFC 4330 §5): one datagram each way, 3 s timeout; 0 bytes on any network error.</summary>
internal sealed class UdpSntpChannel(string host) : ISntpChannel
{
    public int Exchange(byte[] request, byte[] response)
    {
        try
        {
            using var udp = new UdpClient();
            udp.Client.ReceiveTimeout = 3000;
            udp.Connect(host, 123);
            udp.Send(request, request.Length);
            return udp.Client.Receive(response);
        }
        catch (SocketException) { return 0; }
    }
}
