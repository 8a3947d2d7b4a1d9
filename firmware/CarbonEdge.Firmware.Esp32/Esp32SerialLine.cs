using System;
using System.IO.Ports;
using CarbonEdge.Firmware.Core.Bus;

namespace CarbonEdge.Firmware.Esp32
{
    /// <summary>
    /// The RS-485 line on UART2 in the ESP32's hardware RS-485 half-duplex mode: the UART drives its RTS pin, wired to
    /// the transceiver's DE and /RE, high while it transmits (no software timing of DE).
    /// </summary>
    internal sealed class Esp32SerialLine : ISerialLine
    {
        private readonly SerialPort _port;

        public Esp32SerialLine(string portName, int baud, Parity parity)
        {
            _port = new SerialPort(portName, baud, parity, 8, StopBits.One);
            _port.Mode = SerialMode.RS485;
            _port.Open();
        }

        public void DiscardInput() => _port.DiscardInBuffer();

        public void Write(byte[] buffer, int offset, int count) => _port.Write(buffer, offset, count);

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            _port.ReadTimeout = timeoutMilliseconds;
            try
            {
                return _port.Read(buffer, offset, count);
            }
            catch (TimeoutException)
            {
                return 0;
            }
        }
    }
}
