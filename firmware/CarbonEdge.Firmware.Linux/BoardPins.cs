using System.Device.Gpio;

namespace CarbonEdge.Firmware.Linux;

/// <summary>
/// The terminal's GPIOs: the RS-485 transceiver's DE, tied to /RE (high drives the bus, low listens: MAX485 function
/// tables), a status LED (on while the uplink is connected) and a read-now button to ground (pull-up, falling edge).
/// A pin of -1 is absent; without a controller there are none.
/// </summary>
internal sealed class BoardPins : IDisposable
{
    private readonly GpioController? _gpio;
    private readonly int _de, _led;

    public BoardPins(GpioController? gpio, int dePin, int ledPin, int buttonPin, Action pressed)
    {
        (_gpio, _de, _led) = (gpio, dePin, ledPin);
        if (_gpio is null) return;
        if (_de >= 0) _gpio.OpenPin(_de, PinMode.Output, PinValue.Low);
        if (_led >= 0) _gpio.OpenPin(_led, PinMode.Output, PinValue.Low);
        if (buttonPin < 0) return;
        _gpio.OpenPin(buttonPin, PinMode.InputPullUp);
        _gpio.RegisterCallbackForPinValueChangedEvent(buttonPin, PinEventTypes.Falling, (_, _) => pressed());
    }

    public void Transmit(bool on) => Set(_de, on);

    public void Led(bool on) => Set(_led, on);

    private void Set(int pin, bool high)
    {
        if (pin >= 0) _gpio?.Write(pin, high ? PinValue.High : PinValue.Low);
    }

    public void Dispose() => _gpio?.Dispose();
}
