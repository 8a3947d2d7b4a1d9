using System.Device.Gpio;

namespace CarbonEdge.Firmware.Linux;

/// <summary>
/// The terminal's GPIOs: the RS-485 transceiver's DE (tied to /RE: high drives the bus, low listens; MAX485 /
/// SP3485 datasheets, function tables), a status LED (on while the uplink is connected) and a read-now button to
/// ground (input with pull-up, falling edge). A pin number of -1 means the board has none (no controller: no pins).
/// </summary>
internal sealed class BoardPins : IDisposable
{
    private readonly GpioController? _gpio;
    private readonly int _de, _led, _button;

    public BoardPins(GpioController? gpio, int dePin, int ledPin, int buttonPin, Action pressed)
    {
        (_gpio, _de, _led, _button) = (gpio, dePin, ledPin, buttonPin);
        if (_gpio is null) return;
        if (_de >= 0) _gpio.OpenPin(_de, PinMode.Output, PinValue.Low);
        if (_led >= 0) _gpio.OpenPin(_led, PinMode.Output, PinValue.Low);
        if (_button >= 0)
        {
            _gpio.OpenPin(_button, PinMode.InputPullUp);
            _gpio.RegisterCallbackForPinValueChangedEvent(_button, PinEventTypes.Falling, (_, _) => pressed());
        }
    }

    /// <summary>Drives the bus (DE high) or listens (DE low).</summary>
    public void Transmit(bool on)
    {
        if (_de >= 0) _gpio?.Write(_de, on ? PinValue.High : PinValue.Low);
    }

    /// <summary>Shows the uplink state.</summary>
    public void Led(bool on)
    {
        if (_led >= 0) _gpio?.Write(_led, on ? PinValue.High : PinValue.Low);
    }

    public void Dispose() => _gpio?.Dispose();
}
