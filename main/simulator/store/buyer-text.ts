import type { BuyerLanguage } from './addresses';
import type { Rng } from './random';

/**
 * Free text that buyers type. Emoji (including ZWJ sequences and flags) appear here because this is where real
 * buyers put them, and it is the text most likely to be mangled by a careless sync.
 */

const GIFT_MESSAGES: Readonly<Record<BuyerLanguage, readonly string[]>> = {
  en: ['Happy birthday! 🎂🎉 Love, Mom', 'Merry Christmas! 🎄', 'Congrats on the new job! 🥳', 'Thinking of you ❤️', 'Happy anniversary 💍', 'For the best dad in the world 👨‍👧', 'Get well soon!', 'Enjoy your new gadget, from all of us at the office'],
  de: ['Alles Gute zum Geburtstag! 🎁', 'Frohe Weihnachten und einen guten Rutsch! 🎄', 'Herzlichen Glückwunsch zur bestandenen Prüfung 🎓', 'Für die weltbeste Oma ❤️', 'Viele Grüße aus Hamburg 🇩🇪'],
  fr: ['Joyeux anniversaire ma chérie ! 🎂', 'Joyeux Noël et bonne année ! 🎄✨', 'Félicitations pour ton diplôme 🎓', 'Bonne fête des mères 💐', 'Avec toute notre affection, Hélène & Loïc'],
  it: ['Buon compleanno! 🎉', 'Buon Natale e felice anno nuovo! 🎄', 'Auguri per la laurea 🎓', 'Con affetto, la tua nonna ❤️', 'Perché sì 😊'],
  es: ['¡Feliz cumpleaños! 🎂', '¡Feliz Navidad y próspero Año Nuevo! 🎄', '¡Enhorabuena por tu graduación! 🎓', 'Para mi mamá con cariño 💐', '¿Adivinas quién soy? 😉'],
  ja: ['お誕生日おめでとう！🎉', 'いつもありがとう。これからもよろしくね😊', 'メリークリスマス🎄', '合格おめでとう🌸', '母の日のプレゼントです💐', '還暦おめでとうございます'],
  zh: ['生日快乐！🎂', '新年快乐，万事如意 🧧', '妈妈，母亲节快乐 💐', '祝你学业进步！'],
};

const DELIVERY_NOTES: Readonly<Record<BuyerLanguage, readonly string[]>> = {
  en: ['Leave at the front door', 'Please leave with the concierge', 'Gate code 4821#', 'Ring bell twice 🔔', 'Dog in yard — please leave package by the gate 🐕', 'Back porch please 🙏'],
  de: ['Bitte beim Nachbarn abgeben', 'Ablageort: Garage', 'Bitte nicht klingeln, Baby schläft 👶', 'Paket bitte in die Mülltonnenbox 📦'],
  fr: ['Merci de laisser le colis chez la gardienne', 'Code porte : 4821B', 'Sonnez à l’interphone « Lefèvre » 🔔'],
  it: ['Lasciare in portineria', 'Citofonare Rossi', 'Consegnare al vicino del 2° piano 🙏'],
  es: ['Dejar en conserjería', 'Llamar al timbre 2ºB', 'Si no estoy, dejar al vecino 🙂'],
  ja: ['置き配を希望します（玄関前）', '宅配ボックスに入れてください📦', '不在時はメーターボックスへ', 'インターホンを押してください🔔'],
  zh: ['请放在门口 📦', 'Leave at the front door, thanks 谢谢'],
};

const DROP_OFF: Readonly<Record<BuyerLanguage, readonly string[]>> = {
  en: ['Front door', 'Back door', 'Garage', 'Mailroom'],
  de: ['Haustür', 'Garage', 'Terrasse'],
  fr: ['Porte d’entrée', 'Boîte aux lettres'],
  it: ['Portineria', 'Porta d’ingresso'],
  es: ['Conserjería', 'Puerta principal'],
  ja: ['玄関前', '宅配ボックス', 'メーターボックス'],
  zh: ['Front door'],
};

export function giftMessage(rng: Rng, language: BuyerLanguage): string {
  return rng.pick(GIFT_MESSAGES[language]);
}

export function deliveryNote(rng: Rng, language: BuyerLanguage): string {
  return rng.pick(DELIVERY_NOTES[language]);
}

export function dropOffLocation(rng: Rng, language: BuyerLanguage): string {
  return rng.pick(DROP_OFF[language]);
}

export const BUYER_CANCEL_REASONS = ['Order placed by mistake', 'No longer needed', 'Found a better price elsewhere', 'Delivery date too late', 'Need to change the shipping address'] as const;
