using System.Globalization;
using Tally.Server.Hosting;

// ICU is on for Unicode normalisation only; formatting and parsing stay culture-free whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

var app = TallyServer.Build(args);
app.Run();
