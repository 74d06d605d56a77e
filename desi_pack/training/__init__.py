"""The trainer's input: the training file and its model, the verwijskaart's data model, the starter files."""
