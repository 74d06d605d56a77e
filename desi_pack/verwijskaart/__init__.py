"""The verwijskaart (§11.5): the contacts workbook and the cards per place."""
