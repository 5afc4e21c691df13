window.hello = "tether";
