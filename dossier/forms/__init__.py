"""Write forms for collecting data: the spreadsheet template and the XLSForm."""
